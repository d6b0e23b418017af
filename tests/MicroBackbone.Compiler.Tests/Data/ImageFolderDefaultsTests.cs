using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using SkiaSharp;

namespace MicroBackbone.Compiler.Tests.Data;

/// <summary>An image_folder dataset needs a root and nothing else: splits, classes, channels and mean/std come from its files.</summary>
public sealed class ImageFolderDefaultsTests : IDisposable
{
    private readonly TempFolder _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void ARootOfGreyClassFoldersGetsOneChannelItsStatisticsAndACarvedValidationSplit()
    {
        // Two classes of grey images straight under the root (no train/ folder): values 0 and 255 in equal numbers.
        WriteGrey("dark", 0, 5);
        WriteGrey("light", 255, 5);
        DatasetConfig dataset = Parse($"name: mine\n    format: image_folder\n    root: {_root.Path}");

        string? note = ImageFolderDefaults.Complete(dataset, "my.yaml");

        Assert.Equal(["dark", "light"], dataset.ClassNames);
        Assert.Equal(2, dataset.NumClasses);
        Assert.Equal([0.5], dataset.Mean);
        Assert.Equal([0.5], dataset.Std);
        Assert.Equal(".", dataset.Train!.Folder);
        Assert.Equal(1, dataset.ValidationFromTrain); // a tenth of 10, carved since there is no val folder
        Assert.NotNull(note);
        Assert.Contains("1 channel(s), mean [0.5] std [0.5] from the 10 training images", note);
        Assert.Equal(10, DatasetLoader.Load(dataset).Train.Count + 1);
    }

    [Fact]
    public void SplitsMayBeGivenAsTheirFolderNameAndGivenValuesAreKept()
    {
        DatasetConfig dataset = Parse(
            $"name: mine\n    format: image_folder\n    root: {_root.Path}\n    train: train\n    val: val\n    mean: [0.1]\n    std: [0.2]");
        Directory.CreateDirectory(Path.Combine(_root.Path, "train", "a"));
        Directory.CreateDirectory(Path.Combine(_root.Path, "train", "b"));

        ImageFolderDefaults.Complete(dataset, "my.yaml");

        Assert.Equal("train", dataset.Train!.Folder);
        Assert.Equal("val", dataset.Val!.Folder);
        Assert.Equal([0.1], dataset.Mean);
        Assert.Equal(["a", "b"], dataset.ClassNames);
    }

    [Fact]
    public void AFolderShorthandIsOnlyForImageFolders()
    {
        var e = Assert.Throws<ConfigException>(() => Parse("name: mine\n    format: idx\n    root: /tmp\n    train: train"));
        Assert.Contains("train.images: required for format idx", e.Message);
    }

    private DatasetConfig Parse(string dataset)
    {
        string yaml = $"default_dataset: mine\ndatasets:\n  - {dataset}\n";
        DatasetsConfig catalog = YamlConfigReader.Parse<DatasetsConfig>(yaml, "my.yaml");
        catalog.Validate("my.yaml");
        return catalog.Find(null, "my.yaml");
    }

    private void WriteGrey(string label, byte value, int count)
    {
        string folder = Directory.CreateDirectory(Path.Combine(_root.Path, label)).FullName;
        for (int i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(8, 8);
            bitmap.Erase(new SKColor(value, value, value));
            using FileStream file = File.Create(Path.Combine(folder, $"{i}.png"));
            bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
        }
    }
}
