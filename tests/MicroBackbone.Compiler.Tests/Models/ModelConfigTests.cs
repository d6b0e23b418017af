using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Compiler.Tests.Models;

public sealed class ModelConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mbc-model-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void TheShippedConfigDefaultsToNanoForFashionMnist()
    {
        ModelConfig config = ModelConfig.Load(ModelConfig.DefaultPath);

        Assert.Equal("edge_nano", config.Model.Arch);
        Assert.Equal(10, config.Model.NumClasses);
        Assert.Equal(32, config.Model.InputSize);
        Assert.Equal(1, config.Model.InputChannels);
        Assert.Equal(new[] { "edge_micro", "edge_nano", "edge_small" }, config.Variants.Keys.Order());
        EdgeVariantConfig nano = config.Variants["edge_nano"];
        Assert.Equal(3, nano.Stages.Count);
        Assert.Equal(new[] { 24, 48, 96 }, nano.Stages.Select(s => s.Channels));
    }

    [Fact]
    public void AnUnknownKeyNamesTheFileLineAndKey()
    {
        string path = Write(Shipped().Replace("    stem_stride: 1", "    stem_strid: 1"));

        var error = Assert.Throws<ConfigException>(() => ModelConfig.Load(path));

        Assert.StartsWith($"{path}:{LineOf(path, "stem_strid")}:", error.Message);
        Assert.Contains("unknown key 'stem_strid'", error.Message);
    }

    [Fact]
    public void AValueOfTheWrongTypeNamesTheFileLineAndKey()
    {
        string path = Write(Shipped().Replace("    head_channels: 128", "    head_channels: wide"));

        var error = Assert.Throws<ConfigException>(() => ModelConfig.Load(path));

        Assert.StartsWith($"{path}:{LineOf(path, "head_channels: wide")}:", error.Message);
        Assert.Contains("'head_channels'", error.Message);
        Assert.Contains("wide", error.Message);
    }

    [Fact]
    public void AMissingFileNamesTheFile()
    {
        string path = Path.Combine(_folder, "absent.yaml");

        var error = Assert.Throws<ConfigException>(() => ModelConfig.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Theory]
    [InlineData("    stem_stride: 1", "    stem_stride: 3", "variants.edge_nano.stem_stride")]
    [InlineData("{ channels: 48, blocks: 2", "{ channels: 50, blocks: 2", "variants.edge_nano.stages[1].channels")]
    [InlineData("{ channels: 48, blocks: 2", "{ channels: 48, blocks: 0", "variants.edge_nano.stages[1].blocks")]
    [InlineData("  num_classes: 10", "  num_classes: 0", "model.num_classes")]
    [InlineData("    se_groups: 4\n    se_reduction: 4\n    stages:\n      - { channels: 24",
        "    se_groups: 3\n    se_reduction: 4\n    stages:\n      - { channels: 24", "variants.edge_nano.se_groups")]
    [InlineData("    sram_budget_bytes: 32768", "    sram_budget_bytes: 0", "variants.edge_nano.sram_budget_bytes")]
    public void AnOutOfRangeValueNamesTheFileAndKey(string original, string replacement, string key)
    {
        string text = Shipped();
        Assert.Contains(original, text);
        string path = Write(ReplaceFirst(text, original, replacement));

        var error = Assert.Throws<ConfigException>(() => ModelConfig.Load(path));

        Assert.StartsWith($"{path}: {key}: expected", error.Message);
    }

    [Theory]
    [InlineData("model:\nvariants:\n  edge_nano: {}\n", "model")]
    [InlineData("model:\n  arch: edge_nano\nvariants:\n", "variants")]
    [InlineData("variants:\n  edge_nano:\n", "variants.edge_nano")]
    public void AnEmptySectionNamesTheKey(string text, string key)
    {
        string path = Write(text);

        var error = Assert.Throws<ConfigException>(() => ModelConfig.Load(path));

        Assert.StartsWith($"{path}: {key}: expected", error.Message);
    }

    [Fact]
    public void AnUnknownArchListsTheValidOnes()
    {
        string path = Write(Shipped().Replace("  arch: edge_nano", "  arch: edge_giant"));

        var error = Assert.Throws<ConfigException>(() => ModelConfig.Load(path));

        Assert.Contains("model.arch", error.Message);
        Assert.Contains("'edge_giant'", error.Message);
        Assert.Contains("edge_micro, edge_nano, edge_small", error.Message);
    }

    [Fact]
    public void ResolvingAVariantAppliesTheOverrides()
    {
        ModelConfig config = ModelConfig.LoadDefault();

        EdgeArchitecture arch = EdgeArchitecture.FromConfig(config, "model.yaml", "edge_micro", 28, 3, 5);

        Assert.Equal(("edge_micro", 28, 3, 5), (arch.Name, arch.InputSize, arch.InputChannels, arch.NumClasses));
        Assert.Equal(config.Variants["edge_micro"].HeadChannels, arch.HeadChannels);
        Assert.Throws<ConfigException>(() => EdgeArchitecture.FromConfig(config, "model.yaml", "edge_giant"));
        Assert.Throws<ConfigException>(() => EdgeArchitecture.FromConfig(config, "model.yaml", inputSize: 4));
    }

    private static string Shipped() => File.ReadAllText(ModelConfig.DefaultPath).ReplaceLineEndings("\n");

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        int at = text.IndexOf(original, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + original.Length)..];
    }

    private static int LineOf(string path, string fragment) =>
        File.ReadAllLines(path).ToList().FindIndex(l => l.Contains(fragment, StringComparison.Ordinal)) + 1;

    private string Write(string text)
    {
        string path = Path.Combine(_folder, "model.yaml");
        File.WriteAllText(path, text);
        return path;
    }
}
