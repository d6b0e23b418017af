using MicroBackbone.Cli.Commands;
using MicroBackbone.Compiler.Tests.BackEnds.Tflite.Edges;
using MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;
using SkiaSharp;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary>
/// <c>mbc run</c> on converter-style files with several inputs and outputs and with float32 edges: one
/// <c>--input</c> per model input and one <c>--output</c> per output, in order, in the types the file declares
/// (float32 little-endian where it quantizes or dequantizes itself), giving TFLite Micro's bytes; wrong counts and
/// sizes are one <c>error:</c> line.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class RunEdgesCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("edges_two_in_two_out_int8")]
    [InlineData("edges_float_edges_fc")]
    [InlineData("edges_two_in_two_out_float")]
    public void Run_takes_every_input_and_writes_every_output_as_tflite_micro_does(string name)
    {
        var golden = TflmGolden.Read(OracleCaseFiles.Golden(name));
        foreach (var c in golden.Cases.Take(4))
        {
            var args = new List<string> { "run", OracleCaseFiles.Model(name) };
            for (var i = 0; i < c.Inputs.Length; i++)
            {
                var path = _dir.File($"in{i}.bin");
                File.WriteAllBytes(path, c.Inputs[i]);
                args.AddRange(["--input", path]);
            }

            var outputs = Enumerable.Range(0, c.Outputs.Length).Select(i => _dir.File($"out{i}.bin")).ToList();
            foreach (var path in outputs)
            {
                args.AddRange(["--output", path]);
            }

            (int exit, string stdout, string error) = CliRunner.Run([.. args]);
            Assert.True(exit == 0, error);
            for (var i = 0; i < outputs.Count; i++)
            {
                Assert.Equal(c.Outputs[i], File.ReadAllBytes(outputs[i]));
            }

            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var values = golden.Outputs.Sum(o => o.Shape.Aggregate(1, (p, d) => p * d));
            Assert.Equal(values + (outputs.Count > 1 ? outputs.Count : 1), lines.Length);
            if (outputs.Count > 1)
            {
                Assert.Equal("output 0", lines[0]);
                Assert.Contains("output 1", lines);
            }
            else
            {
                Assert.StartsWith("top_class ", lines[^1]);
            }
        }
    }

    [Fact]
    public void Float_outputs_print_like_c_printf()
    {
        var golden = TflmGolden.Read(OracleCaseFiles.Golden("edges_float_edges_fc"));
        var input = _dir.File("x.bin");
        File.WriteAllBytes(input, golden.Cases[0].Inputs[0]);
        (int exit, string stdout, string error) = CliRunner.Run("run", OracleCaseFiles.Model("edges_float_edges_fc"), "--input", input);
        Assert.True(exit == 0, error);
        var expected = string.Concat(Enumerable.Range(0, 4).Select(i => BitConverter.ToSingle(golden.Cases[0].Outputs[0], i * 4))
            .Select(v => ModelOutputText.Float(v) + "\n"));
        Assert.StartsWith(expected, stdout);
        Assert.Equal("9.99999975e-06", ModelOutputText.Float(1e-5f));
        Assert.Equal("-2.5", ModelOutputText.Float(-2.5f));
        Assert.Equal("123456792", ModelOutputText.Float(123456789f));
        Assert.Equal("1.23456794e+09", ModelOutputText.Float(1234567890f));
    }

    [Fact]
    public void Counts_and_sizes_that_do_not_fit_are_one_error_line()
    {
        var model = OracleCaseFiles.Model("edges_two_in_two_out_int8");
        var good = _dir.File("good.bin");
        File.WriteAllBytes(good, new byte[45]);
        var small = _dir.File("small.bin");
        File.WriteAllBytes(small, new byte[44]);

        Assert.Equal(
            $"error: {model}: the model has 2 input(s) (#0 'x0' int8[1, 3, 3, 5], #1 'x1' int8[1, 3, 3, 5]); got 1 --input (one per input, in order)",
            OneErrorLine("run", model, "--input", good));
        Assert.StartsWith(
            $"error: {model}: the model has 2 output(s) (",
            OneErrorLine("run", model, "--input", good, "--input", good, "--output", _dir.File("a"), "--output", _dir.File("b"), "--output", _dir.File("c")));
        Assert.Equal(
            $"error: {small}: has 44 bytes; the model's input 1 #1 'x1' int8[1, 3, 3, 5] needs exactly 45 int8 values (NHWC)",
            OneErrorLine("run", model, "--input", good, "--input", small));
        Assert.StartsWith(
            $"error: {model}: --save-input needs a model with one input; this one has 2",
            OneErrorLine("run", model, "--input", good, "--input", good, "--save-input", _dir.File("s.bin")));

        var floatModel = OracleCaseFiles.Model("edges_float_edges_fc");
        var int8Bytes = _dir.File("int8.bin");
        File.WriteAllBytes(int8Bytes, new byte[16]);
        Assert.Equal(
            $"error: {int8Bytes}: has 16 bytes; the model's input #0 'serving_default_input' float32[1, 16] needs exactly 64 (float32 little-endian NHWC, 16 values)",
            OneErrorLine("run", floatModel, "--input", int8Bytes));
    }

    [Fact]
    public void Mixed_edges_take_float_and_int8_inputs_as_declared()
    {
        var golden = TflmGolden.Read(Path.Combine(MultiEdgeTests.Folder, "mixed_edges.golden.txt"));
        var c = golden.Cases[3];
        var a = _dir.File("a.bin");
        var b = _dir.File("b.bin");
        File.WriteAllBytes(a, c.Inputs[0]);
        File.WriteAllBytes(b, c.Inputs[1]);
        var o0 = _dir.File("o0.bin");
        var o1 = _dir.File("o1.bin");
        (int exit, _, string error) = CliRunner.Run("run", MultiEdgeTests.MixedPath, "--input", a, "--input", b, "--output", o0, "--output", o1);
        Assert.True(exit == 0, error);
        Assert.Equal(16, c.Inputs[0].Length);
        Assert.Equal(c.Outputs[0], File.ReadAllBytes(o0));
        Assert.Equal(c.Outputs[1], File.ReadAllBytes(o1));
    }

    private static string OneErrorLine(params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", error);
        return line;
    }

    [Fact]
    public void An_image_is_read_at_the_size_and_channels_of_the_files_input()
    {
        // A .tflite carries no checkpoint spec: the image must become the file's int8[1, 7, 5, 3], not the default
        // dataset's 32×32 grey (which was "the image becomes 1024 values; ... needs 105").
        var model = OracleCaseFiles.Model("baseline_conv_same_stride2_odd");
        var png = _dir.File("rgb.png");
        using (var bitmap = new SKBitmap(new SKImageInfo(20, 16, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            for (var y = 0; y < 16; y++)
            {
                for (var x = 0; x < 20; x++)
                {
                    bitmap.SetPixel(x, y, new SKColor((byte)(x * 12), (byte)(y * 15), (byte)(255 - x * 5)));
                }
            }

            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(png, data.ToArray());
        }

        foreach (var dataset in new[] { "fashion-mnist", "cifar10" })
        {
            var saved = _dir.File($"{dataset}.bin");
            (int exit, string stdout, string error) = CliRunner.Run("run", model, "--input", png, "--dataset", dataset, "--save-input", saved);
            Assert.True(exit == 0, error);
            Assert.Equal(7 * 5 * 3, File.ReadAllBytes(saved).Length);
            (int rawExit, string rawStdout, string rawError) = CliRunner.Run("run", model, "--input", saved);
            Assert.True(rawExit == 0, rawError);
            Assert.Equal(stdout, rawStdout);
        }
    }
}
