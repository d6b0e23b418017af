using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Samples.RaspberryPi;

namespace MicroBackbone.Generators.Tests.Consumer;

/// <summary>
/// samples/RaspberryPi with <c>--model FILE</c> (the original's <c>infer.py --image x --model m --input-size 32
/// --dataset d</c>): the model file is planned at run time and classifies like the compiled-in class; a file that
/// cannot run is one <c>error:</c> line and exit 1.
/// </summary>
public sealed class RaspberryPiModelOptionTests : IDisposable
{
    private static readonly string SamplePath = Path.Combine(AppContext.BaseDirectory, "sample.png");
    private static readonly string ShippedMbir = Path.Combine(RepositoryRoot.Path, "samples", "RaspberryPi", "edge_nano.mbir");
    private readonly string _folder = Directory.CreateTempSubdirectory("mb-pi-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Original_spelling_with_a_model_file_classifies_like_the_compiled_class()
    {
        var (exit, text, error) = App("--image", SamplePath, "--model", ShippedMbir, "--input-size", "32", "--dataset", "fashion-mnist",
            "--runs", "20", "--warmup", "2");
        Assert.True(exit == 0, error);
        Assert.Contains("model       edge_nano.mbir loaded at run time", text);
        Assert.Contains("class       ankle boot (9)", text);
        Assert.Contains("0 bytes during the timed runs", text);

        var (_, compiled, _) = App("--image", SamplePath, "--runs", "20", "--warmup", "2");
        Assert.Contains("model       compiled-in edge_nano", compiled);
        Assert.Equal(Lines(compiled, "confidence", "  "), Lines(text, "confidence", "  "));
    }

    [Fact]
    public void Missing_model_file_is_one_error_line_and_exit_1()
    {
        var path = Path.Combine(_folder, "absent.mbir");
        var (exit, text, error) = App("--image", SamplePath, "--model", path);
        Assert.Equal(1, exit);
        Assert.Equal($"error: {path}: no such file", error.TrimEnd());
        Assert.Empty(text);
    }

    [Fact]
    public void Corrupt_model_file_is_one_error_line_and_exit_1()
    {
        var path = Path.Combine(_folder, "cut.mbir");
        File.WriteAllText(path, File.ReadAllText(ShippedMbir)[..3000]);
        var (exit, _, error) = App("--image", SamplePath, "--model", path);
        Assert.Equal(1, exit);
        Assert.StartsWith($"error: {path}: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_dataset_whose_channels_differ_from_the_model_is_refused()
    {
        var (exit, _, error) = App("--image", SamplePath, "--model", ShippedMbir, "--dataset", "cifar10");
        Assert.Equal(2, exit);
        Assert.Contains("--dataset cifar10: its images have 3 channel(s), the model takes 1", error);
    }

    [Fact]
    public void Compiled_in_model_refuses_another_dataset()
    {
        var (exit, _, error) = App("--image", SamplePath, "--dataset", "cifar10");
        Assert.Equal(2, exit);
        Assert.Contains("give the model trained on cifar10 with --model FILE", error);
    }

    private static (int Exit, string Output, string Error) App(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text, params string[] prefixes) =>
        text.Split('\n').Where(l => prefixes.Any(p => l.StartsWith(p, StringComparison.Ordinal))).ToArray();
}
