using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Reference;
using MicroBackbone.Runtime;
using MicroBackbone.Runtime.Loader;
using MicroBackbone.Samples.RaspberryPi;

namespace MicroBackbone.Generators.Tests.Loader;

/// <summary>
/// <see cref="RuntimeModel.Load"/> on files: the shipped edge_nano (full-size layers, the runtime's fast engines)
/// against the Raspberry Pi sample's generated class and the interpreter, and bad files as one
/// <see cref="ModelLoadException"/> that names the file and what was expected.
/// </summary>
public sealed class ModelFileLoadingTests : IDisposable
{
    private static readonly string ShippedMbir = Path.Combine(RepositoryRoot.Path, "samples", "RaspberryPi", "edge_nano.mbir");
    private readonly string _folder = Directory.CreateTempSubdirectory("mb-loader-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Shipped_edge_nano_equals_the_generated_class_and_the_interpreter(bool vectorized)
    {
        var loaded = RuntimeModel.Load(ShippedMbir);
        var interpreter = new Int8Interpreter(EdgeQuantization.Strip(MbirReader.Read(File.ReadAllText(ShippedMbir), "edge_nano.mbir")));
        var generated = new EdgeNano();
        Assert.Equal(EdgeNano.ArenaBytes, loaded.ArenaBytes);
        Assert.Equal(EdgeNano.ClassNames, loaded.ClassNames);
        Assert.Equal(EdgeNano.InputShape.ToArray(), loaded.Input.Shape.ToArray());
        Assert.Equal(EdgeNano.InputScale, loaded.Input.Scale);
        bool saved = RuntimeFeatures.UseVectorization;
        RuntimeFeatures.UseVectorization = vectorized;
        try
        {
            var random = new Random(11);
            for (var trial = 0; trial < 4; trial++)
            {
                var input = Enumerable.Range(0, EdgeNano.InputLength).Select(_ => (sbyte)random.Next(-128, 128)).ToArray();
                var expected = new sbyte[EdgeNano.OutputLength];
                var actual = new sbyte[EdgeNano.OutputLength];
                generated.Invoke(input, expected);
                loaded.Invoke(input, actual);
                Assert.Equal(interpreter.Run(input), expected);
                Assert.Equal(expected, actual);

                var floats = input.Select(v => v / 40f).ToArray();
                var expectedFloat = new float[EdgeNano.OutputLength];
                var actualFloat = new float[EdgeNano.OutputLength];
                generated.InvokeFloat(floats, expectedFloat);
                loaded.InvokeFloat(floats, actualFloat);
                Assert.Equal(expectedFloat, actualFloat);
                Assert.Equal(generated.Predict(floats), loaded.Predict(floats));
            }
        }
        finally
        {
            RuntimeFeatures.UseVectorization = saved;
        }
    }

    [Fact]
    public void Shipped_edge_nano_allocates_nothing_per_call()
    {
        var loaded = RuntimeModel.Load(ShippedMbir);
        var input = new float[loaded.Input.Length];
        loaded.Predict(input);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            loaded.Predict(input);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Missing_file_is_named() =>
        AssertRefused(Path.Combine(_folder, "absent.mbir"), null, "absent.mbir: no such file");

    [Fact]
    public void Unknown_extension_says_what_is_expected() =>
        AssertRefused(Path.Combine(_folder, "model.pt"), "x", "expected .mbir");

    [Fact]
    public void Tflite_file_says_how_to_convert_it() =>
        AssertRefused(Path.Combine(_folder, "model_int8.tflite"), "TFL3", "mbc compile FILE --target ir");

    [Fact]
    public void Corrupt_json_names_the_file() =>
        AssertRefused(Path.Combine(_folder, "broken.mbir"), "{\"format\": \"mbir\", \"version\": 1, \"graph\": ", "broken.mbir");

    [Fact]
    public void Truncated_model_names_the_file() =>
        AssertRefused(Path.Combine(_folder, "cut.mbir"), File.ReadAllText(ShippedMbir)[..5000], "cut.mbir");

    [Fact]
    public void Wrong_field_names_the_field()
    {
        var text = File.ReadAllText(ShippedMbir).Replace("\"version\": 1", "\"version\": 99", StringComparison.Ordinal);
        AssertRefused(Path.Combine(_folder, "future.mbir"), text, "version");
    }

    [Fact]
    public void Float_model_names_the_operator_the_kernels_do_not_run()
    {
        // The float graph of edge_nano: every tensor float32, which the int8 kernels cannot run.
        var text = System.Text.RegularExpressions.Regex.Replace(
            File.ReadAllText(ShippedMbir), "\"quant\": \\{[^}]*\\},?", string.Empty);
        var path = Path.Combine(_folder, "float.mbir");
        File.WriteAllText(path, text);
        var e = Assert.ThrowsAny<Ir.MicroBackboneException>(() => RuntimeModel.Load(path));
        Assert.IsType<ModelLoadException>(e);
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static void AssertRefused(string path, string? content, string expectedText)
    {
        if (content is not null)
        {
            File.WriteAllText(path, content);
        }

        var e = Assert.Throws<ModelLoadException>(() => RuntimeModel.Load(path));
        Assert.StartsWith(path + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains(expectedText, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(path, e.Path);
    }
}
