using System.IO.Compression;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Compiler.Tests.Checkpoints;
using MicroBackbone.Compiler.Tests.IO;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Format;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary>
/// Issue 15's hostile-but-realistic inputs: each is one <c>error:</c> line naming the file and what was expected,
/// exit code 1, no stack trace; outputs never replace what is not a regular file nor any input of the command.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class BadInputCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The small int8 test graph as .mbir (input 1x6x6x3) and a raw input that fits it.</summary>
    private (string Model, string Input) TinyModel(string name = "tiny_net")
    {
        string model = _dir.File(name.Length > 50 ? "long.mbir" : name + ".mbir");
        File.WriteAllText(model, MbirWriter.Write(CTestModels.Tiny(name)));
        string input = _dir.File("input.raw");
        File.WriteAllBytes(input, new byte[6 * 6 * 3]);
        return (model, input);
    }

    private static string OneErrorLine(string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", error);
        return line;
    }

    [Fact]
    public void RunOutputToAFifoIsRefusedAndTheFifoStays()
    {
        (string model, string input) = TinyModel();
        string fifo = SpecialFiles.Fifo(_dir.File("out.pipe"));
        string line = OneErrorLine(["run", model, "--input", input, "--output", fifo]);
        Assert.Equal($"error: {fifo}: is a named pipe (FIFO); mbc writes outputs only to regular files (give a file path)", line);
        Assert.True(SpecialFiles.IsFifo(fifo));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void RunOutputThroughASymlinkAndOverA0600FileKeepsBoth()
    {
        (string model, string input) = TinyModel();
        string secret = _dir.File("secret.out");
        File.WriteAllText(secret, "old");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string link = _dir.File("link.out");
        File.CreateSymbolicLink(link, secret);

        (int exit, _, string error) = CliRunner.Run("run", model, "--input", input, "--output", link);
        Assert.True(exit == 0, error);
        Assert.Equal(secret, new FileInfo(link).LinkTarget);
        Assert.Equal(4, new FileInfo(secret).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
    }

    [Fact]
    public void RunOutputToAnExistingFolderIsOneLine()
    {
        (string model, string input) = TinyModel();
        string folder = Directory.CreateDirectory(_dir.File("out")).FullName;
        Assert.StartsWith($"error: {folder}: is a folder;", OneErrorLine(["run", model, "--input", input, "--output", folder]));
    }

    [Fact]
    public void RunInputsThatAreNotRegularFilesAreRefusedBeforeOpening()
    {
        (string model, _) = TinyModel();
        string fifo = SpecialFiles.Fifo(_dir.File("in.pipe"));
        string folder = Directory.CreateDirectory(_dir.File("in")).FullName;
        Assert.Equal("error: /dev/zero: is a character device, not a regular file; the input file must be one",
            OneErrorLine(["run", model, "--input", "/dev/zero"]));
        Assert.Equal($"error: {folder}: is a folder, not a regular file; the input file must be one",
            OneErrorLine(["run", model, "--input", folder]));
        Assert.Equal($"error: {fifo}: is a named pipe (FIFO), not a regular file; the input file must be one",
            OneErrorLine(["run", model, "--input", fifo]));
        Assert.Equal($"error: {folder}: is a folder, not a regular file; the model file must be one",
            OneErrorLine(["run", folder, "--input", fifo]));
    }

    [Fact]
    public void OutputDirMistakesAreOneLine()
    {
        (string model, _) = TinyModel();
        string file = _dir.File("a-file");
        File.WriteAllText(file, "x");
        Assert.Equal($"error: {file}: is a regular file; expected an output folder",
            OneErrorLine(["compile", model, "--target", "c", "--output-dir", file]));
        Assert.Equal("error: the output folder path is empty; expected a folder name such as outputs/model",
            OneErrorLine(["compile", model, "--target", "c", "--output-dir", ""]));
        Assert.Equal("error: /sys: the output folder is not writable",
            OneErrorLine(["compile", model, "--target", "c", "--output-dir", "/sys"]));
        Assert.StartsWith("error: /sys/mbc-test: cannot create the output folder (",
            OneErrorLine(["compile", model, "--target", "c", "--output-dir", "/sys/mbc-test"]));
        Assert.StartsWith("error: /proc/mbc-test: cannot create the output folder (",
            OneErrorLine(["compile", model, "--target", "ir", "--output-dir", "/proc/mbc-test"]));
    }

    [Fact]
    public void ExportNeverOverwritesItsOwnCheckpoint()
    {
        string folder = Directory.CreateDirectory(_dir.File("D")).FullName;
        string checkpoint = Path.Combine(folder, "model.pth");
        File.Copy(Path.Combine(RepoPaths.Root, "samples", "models", "edge_nano_fashion_mnist.pth"), checkpoint);
        byte[] before = File.ReadAllBytes(checkpoint);
        // Each artifact is written on its own: the checkpoint's copy is refused, the others are written.
        Assert.Equal($"error: model.pth not written: {checkpoint}: is an input of this command; mbc never overwrites its inputs (choose another output path or folder)",
            OneErrorLine(["export", "--checkpoint", checkpoint, "--output-dir", folder]));
        Assert.True(File.Exists(Path.Combine(folder, "model.onnx")));
        Assert.Equal(before, File.ReadAllBytes(checkpoint));
    }

    [Fact]
    public void ACheckpointHoldingNoneIsOneLine()
    {
        string path = PickleCheckpoint("none.pth", [0x80, 0x02, (byte)'N', (byte)'.']);
        Assert.StartsWith($"error: {path}: data.pkl holds None (as torch.save(None) writes), not a dict; expected a PyTorch checkpoint",
            OneErrorLine(["compile", path, "--target", "c", "--output-dir", _dir.File("out")]));
    }

    [Fact]
    public void APickleStringClaiming2GBIsOneLine()
    {
        string path = PickleCheckpoint("huge.pth", [0x80, 0x02, (byte)'X', 0xFF, 0xFF, 0xFF, 0x7F, (byte)'a', (byte)'.']);
        Assert.StartsWith($"error: {path}: ", OneErrorLine(["compile", path, "--target", "c", "--output-dir", _dir.File("out")]));
    }

    [Fact]
    public void AHugeInputShapeInMetadataIsOneLine()
    {
        string path = _dir.File("shape.pth");
        using (TinyNet net = TinyNet.Seeded(1))
        {
            CheckpointFile.Save(path, net, new CheckpointMetadata("edge_nano", "train", 3, new InputShape(1, int.MaxValue, int.MaxValue), "x: 1\n"));
        }
        Assert.Equal($"error: {path}: metadata.input_shape must be a list of 3 ints [C, H, W], each from 1 to 4096",
            OneErrorLine(["compile", path, "--target", "c", "--output-dir", _dir.File("out")]));
    }

    [Fact]
    public void ATfliteZeroPointOf64BitsIsOneLine()
    {
        TfliteModel model = TfliteExporter.ToModel(CTestModels.Tiny());
        TfliteSubgraph graph = model.Subgraphs[0];
        int index = graph.Inputs[0];
        TfliteTensor[] tensors = [.. graph.Tensors];
        tensors[index] = tensors[index] with { Quantization = tensors[index].Quantization! with { ZeroPoint = new long[] { 1L << 40 } } };
        string path = _dir.File("zp.tflite");
        File.WriteAllBytes(path, TfliteWriter.Write(model with { Subgraphs = new[] { graph with { Tensors = tensors } } }));
        string line = OneErrorLine(["compile", path, "--target", "c", "--output-dir", _dir.File("out")]);
        Assert.StartsWith($"error: {path}: tensor {index} '", line);
        Assert.EndsWith("has zero point 1099511627776; a Int8 tensor needs one from -128 to 127", line);
    }

    [Fact]
    public void AHugeChannelCountInModelYamlIsOneLine()
    {
        string path = ShippedModelYamlWith("{ channels: 24,", "{ channels: 2147483640,");
        string line = OneErrorLine(["info", "--config", path]);
        Assert.StartsWith($"error: {path}: ", line);
        Assert.EndsWith("expected a multiple of 8 channels from 8 to 4096, got 2147483640", line);
    }

    [Fact]
    public void AGraphNameOf200000CharactersIsOneLine()
    {
        (string model, _) = TinyModel(new string('n', 200_000));
        Assert.Equal($"error: {model}: the graph name has 200,000 characters; at most 128 are accepted (it names the generated files and types)",
            OneErrorLine(["compile", model, "--target", "csharp", "--output-dir", _dir.File("out")]));
    }

    [Fact]
    public void ClassNamesWithControlCharactersCannotFakeOutputLines()
    {
        string model = _dir.File("names.mbir");
        string[] names = ["a\ntop_class 0 fake", "b\u001b[31m", "c", "d"];
        File.WriteAllText(model, MbirWriter.Write(CTestModels.Tiny(classNames: names)));
        string input = _dir.File("zeros.raw");
        File.WriteAllBytes(input, new byte[6 * 6 * 3]);
        (int exit, string output, string error) = CliRunner.Run("run", model, "--input", input);
        Assert.True(exit == 0, error);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.Single(lines, l => l.StartsWith("top_class", StringComparison.Ordinal));
        Assert.DoesNotContain('\u001b', output);
    }

    [Fact]
    public void ATruncatedPngIsRefusedNotClassified()
    {
        (string model, _) = TinyModel();
        byte[] png = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "RaspberryPi", "sample.png"));
        string half = _dir.File("half.png");
        File.WriteAllBytes(half, png[..(png.Length / 2)]);
        string line = OneErrorLine(["run", model, "--input", half]);
        Assert.StartsWith($"error: {half}: the image is truncated or corrupt (", line);
        Assert.EndsWith("); expected a complete PNG or JPEG", line);
    }

    [Fact]
    public void ADuplicateKeyInModelYamlIsOneLineNamingTheKey()
    {
        string path = ShippedModelYamlWith("  num_classes: 10\n", "  num_classes: 10\n  num_classes: 3\n");
        string line = OneErrorLine(["info", "--config", path]);
        Assert.StartsWith($"error: {path}:", line);
        Assert.EndsWith("duplicate key 'num_classes'; expected each key once in a mapping", line);
    }

    [Fact]
    public void AnMbirWithOneClassNameForFourOutputsIsRefused()
    {
        string model = _dir.File("one_name.mbir");
        File.WriteAllText(model, MbirWriter.Write(CTestModels.Tiny(classNames: ["only"])));
        string input = _dir.File("zeros.raw");
        File.WriteAllBytes(input, new byte[6 * 6 * 3]);
        Assert.Equal($"error: {model}: $.graph.class_names has 1 name for 4 outputs; expected 4 (or none)",
            OneErrorLine(["run", model, "--input", input]));
    }

    [Fact]
    public void ATfliteWithFiveClassNamesForFourOutputsIsRefused()
    {
        string model = _dir.File("five_names.tflite");
        File.WriteAllBytes(model, TfliteWriter.Write(TfliteExporter.ToModel(CTestModels.Tiny(classNames: ["a", "b", "c", "d", "e"]))));
        Assert.Equal($"error: {model}: metadata.mb_class_names has 5 names for 4 outputs; expected 4 (or none)",
            OneErrorLine(["compile", model, "--target", "c", "--output-dir", _dir.File("out")]));
    }

    [Fact]
    public void ACheckpointWhoseClassesDifferFromTheDatasetNamesIsRefused()
    {
        (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> net, Compiler.Models.ModelSpec spec) =
            FrontEnds.TrainedLikeModels.Create("edge_nano", 32, 1, 3, seed: 7);
        string path = _dir.File("three.pth");
        using (net)
        {
            CheckpointFile.Save(path, net, spec.ToMetadata());
        }
        // The shipped default dataset (Fashion-MNIST) names 10 classes; this model has 3 outputs.
        Assert.Equal($"error: {path}: the model has 3 outputs but the dataset's class_names has 10 names; expected 3 "
            + "(choose the dataset the model was trained on with --dataset or --dataset-config)",
            OneErrorLine(["compile", path, "--target", "c", "--output-dir", _dir.File("out")]));
    }

    [Theory]
    [InlineData("error: unknown option '--bogus'; see 'mbc compile --help'", "compile", "m.mbir", "--target", "c", "--bogus")]
    [InlineData("error: Argument 'foo' not recognized. Must be one of: 'esp32' 'c' 'ir' 'csharp' 'tflite' 'onnx'; see 'mbc compile --help'", "compile", "m.mbir", "--target", "foo")]
    [InlineData("error: --calibration-samples must be at least 1; see 'mbc quantize --help'", "quantize", "--input-model", "a.pth", "--output-model", "b.pth", "--calibration-samples", "0")]
    [InlineData("error: unexpected argument 'frob'; see 'mbc --help'", "frob")]
    [InlineData("error: unexpected argument 'compare_models' (did you mean 'compare'?); see 'mbc --help'", "compare_models")]
    [InlineData("error: --weights /nonexistent/w.pth: file not found", "train", "--arch", "resnet18", "--weights", "/nonexistent/w.pth", "--epochs", "1")]
    [InlineData("error: --pretrained/--weights: pretrained weights exist for the TorchVision archs (resnet18, resnet50, mobilenet_v3_small, "
        + "mobilenet_v3_large, efficientnet_b0, convnext_tiny); edge_nano starts from its own initialization (continue an earlier run with "
        + "--resume X_last.pth)", "train", "--weights", "/nonexistent/w.pth")]
    [InlineData("error: unexpected argument 'trian' (did you mean 'train'?); see 'mbc --help'", "trian")]
    [InlineData("error: unknown option '--targt' (did you mean '--target'?); see 'mbc compile --help'", "compile", "m.mbir", "--targt", "c")]
    [InlineData("error: unknown option '--output_dir' (did you mean '--output-dir'?); see 'mbc compile --help'", "compile", "m.mbir", "--output_dir", "o")]
    public void CommandLineMistakesAreOneLineWithAPointerToHelp(string expected, params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(expected, error.TrimEnd('\n'));
    }

    /// <summary>A copy of the shipped model.yaml in the test folder with <paramref name="from"/> replaced.</summary>
    private string ShippedModelYamlWith(string from, string to)
    {
        string yaml = File.ReadAllText(Path.Combine(RepoPaths.Root, "compiler", "MicroBackbone.Compiler", "config", "model.yaml"));
        string path = _dir.File("model.yaml");
        File.WriteAllText(path, yaml.Replace(from, to, StringComparison.Ordinal));
        return path;
    }

    private string PickleCheckpoint(string name, byte[] pickle)
    {
        string path = _dir.File(name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using Stream stream = zip.CreateEntry("archive/data.pkl").Open();
        stream.Write(pickle);
        return path;
    }
}
