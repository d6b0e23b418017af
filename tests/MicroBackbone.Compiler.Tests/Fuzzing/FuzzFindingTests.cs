using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Compiler.Tests.Cli;
using MicroBackbone.Ir.Format;

namespace MicroBackbone.Compiler.Tests.Fuzzing;

/// <summary>
/// Every input the fuzzers found a crash with (<c>tests/MicroBackbone.Fuzz/findings/&lt;target&gt;/</c>), given to
/// the verb that reads it: each is now one <c>error:</c> line naming the file and what was expected, exit code 1,
/// where it was an internal error (exit 2) or an error spanning several lines before its fix.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class FuzzFindingTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Finding(string target, string name) =>
        Path.Combine(RepoPaths.Root, "tests", "MicroBackbone.Fuzz", "findings", target, name);

    private static string OneErrorLine(params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        return line;
    }

    private string TinyModel()
    {
        string model = _dir.File("tiny.mbir");
        File.WriteAllText(model, MbirWriter.Write(CTestModels.Tiny()));
        return model;
    }

    [Fact]
    public void TfliteConvolutionWhoseFilterIsNotFourDimensionalIsOneLine()
    {
        string model = Finding("tflite", "conv_filter_without_dimensions.tflite");
        string line = OneErrorLine("compile", model, "--target", "ir", "--output-dir", _dir.File("out"));
        Assert.Matches(@"^error: .*conv_filter_without_dimensions\.tflite: operator #0 CONV_2D has filter \(input 1\) of shape \[\]; "
            + @"expected 4 dimensions \[out, height, width, in\]$", line);
    }

    [Fact]
    public void TfliteStrideOfZeroIsOneLine()
    {
        string model = Finding("tflite", "depthwise_stride_0.tflite");
        string line = OneErrorLine("compile", model, "--target", "ir", "--output-dir", _dir.File("out"));
        Assert.Equal($"error: {model}: operator #6 DEPTHWISE_CONV_2D has kernel 1x1, stride 1x0 and dilation 1x1; expected each at least 1", line);
    }

    [Fact]
    public void JpegClaimingGigapixelsIsRefusedBeforeDecoding()
    {
        string image = Finding("jpeg", "claims_61960x32775_pixels.jpg");
        string model = TinyModel();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string line = OneErrorLine("run", model, "--input", image);
        Assert.Equal($"error: {image}: the image header claims 61960x32775 pixels; expected at most 67,108,864 (8192x8192)", line);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void YamlThatStopsYamlDotNetsParserIsOneLine()
    {
        string config = Finding("model-yaml", "scanner_left_with_tokens.yaml");
        string line = OneErrorLine("info", "--config", config);
        Assert.Equal($"error: {config}: not readable as YAML (The scanner should contain no more tokens.); expected a ModelConfig mapping", line);
    }

    [Fact]
    public void YamlGlobalTagThatIsNotAUriIsOneLine()
    {
        string config = Finding("model-yaml", "global_tag_not_a_uri.yaml");
        string line = OneErrorLine("info", "--config", config);
        Assert.Equal($"error: {config}: not readable as YAML (Global tags must be valid URIs. (Parameter 'value')); expected a ModelConfig mapping", line);
    }

    [Fact]
    public void DatasetsYamlWithAnEmptyDatasetEntryIsOneLine()
    {
        string config = Finding("datasets-yaml", "empty_dataset_entry.yaml");
        string line = OneErrorLine("compile", TinyModel(), "--target", "ir", "--dataset-config", config, "--output-dir", _dir.File("out"));
        Assert.Equal($"error: {config}: datasets[0]: empty; expected a dataset (name, format, root, train, ...)", line);
    }

    [Fact]
    public void DatasetKeyWithNothingAfterItIsOneLine()
    {
        // The same null as the finding above, one level down: `mean:` deserializes to null, not to an empty list.
        string config = _dir.File("datasets.yaml");
        File.WriteAllText(config, """
            default_dataset: d
            datasets:
              - name: d
                format: idx
                root: /tmp
                train: { images: a, labels: b }
                num_classes: 2
                mean:
                std: [1]
                class_names: [a, b]
            """);
        string line = OneErrorLine("compile", TinyModel(), "--target", "ir", "--dataset-config", config, "--output-dir", _dir.File("out"));
        Assert.Equal($"error: {config}: datasets[0] (d).mean: empty; expected a value", line);
    }

    [Fact]
    public void YamlValueSpanningLinesIsQuotedOnOneLine()
    {
        string config = Finding("model-yaml", "value_spanning_lines.yaml");
        string line = OneErrorLine("info", "--config", config);
        Assert.StartsWith($"error: {config}:12:20: bad value for key 'stem_channels': The input string '16?", line);
    }
}
