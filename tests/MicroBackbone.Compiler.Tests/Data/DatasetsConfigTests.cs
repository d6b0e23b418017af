using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;

namespace MicroBackbone.Compiler.Tests.Data;

public class DatasetsConfigTests
{
    private const string FashionMnist = "/usr/share/datasets/fashion-mnist";

    [Fact]
    public void ShippedCatalogIsValidAndDefaultsToFashionMnist()
    {
        DatasetsConfig catalog = DatasetsConfig.Load(DatasetsConfig.DefaultPath);

        DatasetConfig dataset = catalog.Find(null, DatasetsConfig.DefaultPath);

        Assert.Equal("fashion-mnist", dataset.Name);
        Assert.Equal(DatasetFormat.Idx, dataset.Kind);
        Assert.Equal(FashionMnist, dataset.Root);
        Assert.Equal(10, dataset.ClassNames.Count);
        Assert.Equal(1, dataset.Channels);
        Assert.Equal(DatasetFormat.Cifar10, catalog.Find("cifar10", "x").Kind);
    }

    [Fact]
    public void MissingRootNamesTheDebianPackage()
    {
        DatasetConfig dataset = DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find("fashion-mnist", "x");
        dataset.Root = "/nonexistent/fashion-mnist";

        var e = Assert.Throws<DatasetException>(() => DatasetLoader.Load(dataset));

        Assert.Contains("dataset-fashion-mnist", e.Message);
        Assert.Contains("/nonexistent/fashion-mnist", e.Message);
    }

    [Fact]
    public void ReadsTheRealFashionMnistTestSplit()
    {
        DatasetConfig dataset = DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find(null, "x");

        ImageDataset test = DatasetLoader.LoadTest(dataset, limit: 100);

        Assert.Equal((100, 1, 28, 28), (test.Count, test.Channels, test.Height, test.Width));
        // The first Fashion-MNIST test image is an ankle boot (class 9).
        Assert.Equal(9, test.Labels[0]);
        Assert.True(test.Labels.Distinct().Count() > 5);
    }

    [Theory]
    [InlineData("format: tiff", "format: 'tiff' is not one of idx, cifar10, image_folder")]
    [InlineData("std: [0]", "std: every value must be positive")]
    [InlineData("class_names: [a]", "class_names: expected 2 names")]
    [InlineData("mean: [0.5, 0.5]", "mean: expected 1 or 3 values")]
    [InlineData("batch_size: 0", "batch_size: 0 must be at least 1")]
    public void BadValuesNameFileAndKey(string line, string expected)
    {
        string yaml = Yaml(line);

        var e = Assert.Throws<ConfigException>(() =>
            YamlConfigReader.Parse<DatasetsConfig>(yaml, "my.yaml").Validate("my.yaml"));

        Assert.Contains("my.yaml", e.Message);
        Assert.Contains("datasets[0] (toy)", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void IdxSplitNeedsImagesAndLabels()
    {
        string yaml = Yaml("train: { images: a }");

        var e = Assert.Throws<ConfigException>(() => YamlConfigReader.Parse<DatasetsConfig>(yaml, "my.yaml").Validate("my.yaml"));

        Assert.Contains("train.labels: required for format idx", e.Message);
    }

    [Fact]
    public void UnknownDefaultIsRejected()
    {
        string yaml = Yaml("").Replace("default_dataset: toy", "default_dataset: nope");

        var e = Assert.Throws<ConfigException>(() => YamlConfigReader.Parse<DatasetsConfig>(yaml, "my.yaml").Validate("my.yaml"));

        Assert.Contains("default_dataset: 'nope'", e.Message);
    }

    // A valid two-class dataset where `line` overrides (or adds) one key.
    private static string Yaml(string line)
    {
        var keys = new Dictionary<string, string>
        {
            ["name"] = "toy",
            ["format"] = "idx",
            ["root"] = "/tmp",
            ["train"] = "{ images: a, labels: b }",
            ["validation_from_train"] = "1",
            ["mean"] = "[0.5]",
            ["std"] = "[0.5]",
            ["batch_size"] = "4",
            ["num_classes"] = "2",
            ["class_names"] = "[a, b]",
        };
        if (line.Length > 0)
        {
            int colon = line.IndexOf(':');
            keys[line[..colon]] = line[(colon + 1)..].Trim();
        }
        return "default_dataset: toy\ndatasets:\n" +
            string.Join("\n", keys.Select((kv, i) => (i == 0 ? "  - " : "    ") + kv.Key + ": " + kv.Value)) + "\n";
    }

    [Fact]
    public void ADuplicateKeyIsAnErrorNotLastWins()
    {
        using var folder = new TempFolder();
        string path = folder.File("datasets.yaml");
        File.WriteAllText(path, File.ReadAllText(DatasetsConfig.DefaultPath).Replace(
            "default_dataset: fashion-mnist\n", "default_dataset: fashion-mnist\ndefault_dataset: cifar10\n", StringComparison.Ordinal));

        var e = Assert.Throws<ConfigException>(() => DatasetsConfig.Load(path));
        Assert.StartsWith($"{path}:", e.Message);
        Assert.EndsWith("duplicate key 'default_dataset'; expected each key once in a mapping", e.Message);
    }
}
