using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Serialization;

namespace MicroBackbone.Compiler.Config;

/// <summary>One dataset in <c>datasets.yaml</c>: where its splits are, how to normalise it, and its classes.</summary>
public sealed class DatasetConfig
{
    /// <summary>Name the user selects the dataset by (e.g. <c>fashion-mnist</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>Storage format: <c>idx</c>, <c>cifar10</c> or <c>image_folder</c>.</summary>
    public string Format { get; set; } = "";

    /// <summary>Folder holding the split files; relative paths are taken from the current directory.</summary>
    public string Root { get; set; } = "";

    /// <summary>Debian package that installs <see cref="Root"/>, named in the error when the folder is missing.</summary>
    public string? DebianPackage { get; set; }

    /// <summary>The training split (required).</summary>
    public DatasetSplitConfig? Train { get; set; }

    /// <summary>The validation split; when absent, <see cref="ValidationFromTrain"/> images are carved from train.</summary>
    public DatasetSplitConfig? Val { get; set; }

    /// <summary>The test split (optional; <c>mbc test</c> needs it).</summary>
    public DatasetSplitConfig? Test { get; set; }

    /// <summary>How many training images become the validation split when <see cref="Val"/> is absent.</summary>
    public int ValidationFromTrain { get; set; }

    /// <summary>Seed of the shuffle that picks the carved validation images.</summary>
    public int SplitSeed { get; set; }

    /// <summary>Per-channel mean of pixel values scaled to [0, 1]; its length is the stored channel count (1 or 3).</summary>
    public List<double> Mean { get; set; } = new();

    /// <summary>Per-channel standard deviation, same length as <see cref="Mean"/>.</summary>
    public List<double> Std { get; set; } = new();

    /// <summary>Default batch size for training and evaluation.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Number of classes; labels must lie in [0, num_classes).</summary>
    public int NumClasses { get; set; }

    /// <summary>Human-readable class names, one per class in label order.</summary>
    public List<string> ClassNames { get; set; } = new();

    /// <summary>Optional <c>[height, width]</c> that image_folder images are resized to; otherwise all must match.</summary>
    public List<int>? ImageSize { get; set; }

    /// <summary>Training augmentation; absent means none.</summary>
    public AugmentationConfig Augmentation { get; set; } = new();

    /// <summary>Number of channels the images are stored with (the length of <see cref="Mean"/>).</summary>
    [YamlIgnore]
    public int Channels => Mean.Count;

    /// <summary>The parsed <see cref="Format"/>; call after <see cref="Validate"/>.</summary>
    [YamlIgnore]
    public DatasetFormat Kind => ParseFormat(Format)
        ?? throw new ConfigException($"dataset '{Name}': format '{Format}' is not idx, cifar10 or image_folder");

    /// <summary>The spelling of <paramref name="format"/> in YAML.</summary>
    public static string FormatName(DatasetFormat format) => format switch
    {
        DatasetFormat.Idx => "idx",
        DatasetFormat.Cifar10 => "cifar10",
        _ => "image_folder",
    };

    /// <summary>Checks every value; <paramref name="key"/> is this dataset's place in the file (e.g. <c>datasets[0]</c>).</summary>
    public void Validate(string source, string key)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ConfigException($"{source}: {key}.name: required");
        }
        key = $"{key} ({Name})";
        DatasetFormat format = ParseFormat(Format)
            ?? throw new ConfigException($"{source}: {key}.format: '{Format}' is not one of idx, cifar10, image_folder");
        if (string.IsNullOrWhiteSpace(Root))
        {
            throw new ConfigException($"{source}: {key}.root: required (the folder holding the dataset files)");
        }
        // An image folder may leave out everything its files tell: the splits (train/, val/, test/ under the root),
        // class names and count (the sub-folders), mean and std (computed from the training images). ImageFolderDefaults
        // fills them in and validates again; every other format states them.
        bool inferable = format == DatasetFormat.ImageFolder;
        if (inferable)
        {
            Mean ??= new();
            Std ??= new();
            ClassNames ??= new();
        }
        if (Train == null && !inferable)
        {
            throw new ConfigException($"{source}: {key}.train: required");
        }
        Train?.Validate(format, source, key + ".train");
        Val?.Validate(format, source, key + ".val");
        Test?.Validate(format, source, key + ".test");
        if (Val != null && ValidationFromTrain != 0)
        {
            throw new ConfigException($"{source}: {key}.validation_from_train: must be 0 when a val split is given");
        }
        if (ValidationFromTrain < 0)
        {
            throw new ConfigException($"{source}: {key}.validation_from_train: {ValidationFromTrain} is negative");
        }
        // A key with nothing after it (`mean:`) deserializes to null, not to the default.
        RequireValue(Mean, source, key, "mean");
        RequireValue(Std, source, key, "std");
        RequireValue(ClassNames, source, key, "class_names");
        RequireValue(Augmentation, source, key, "augmentation");
        int blank = ClassNames.FindIndex(n => n is null);
        if (blank >= 0)
        {
            throw new ConfigException($"{source}: {key}.class_names[{blank}]: empty; expected a name");
        }
        bool meanGiven = !inferable || Mean.Count > 0 || Std.Count > 0;
        if (meanGiven && Mean.Count is not (1 or 3))
        {
            throw new ConfigException($"{source}: {key}.mean: expected 1 or 3 values (one per stored channel), got {Mean.Count}");
        }
        if (format == DatasetFormat.Cifar10 && Mean.Count != 3)
        {
            throw new ConfigException($"{source}: {key}.mean: cifar10 images have 3 channels, got {Mean.Count} values");
        }
        if (meanGiven && Std.Count != Mean.Count)
        {
            throw new ConfigException($"{source}: {key}.std: expected {Mean.Count} values like mean, got {Std.Count}");
        }
        if (Std.Any(s => !(s > 0)))
        {
            throw new ConfigException($"{source}: {key}.std: every value must be positive");
        }
        if (BatchSize < 1)
        {
            throw new ConfigException($"{source}: {key}.batch_size: {BatchSize} must be at least 1");
        }
        if (NumClasses < 2 && !(inferable && NumClasses == 0))
        {
            throw new ConfigException($"{source}: {key}.num_classes: {NumClasses} must be at least 2");
        }
        if (ClassNames.Count != NumClasses && !(inferable && (ClassNames.Count == 0 || NumClasses == 0)))
        {
            throw new ConfigException($"{source}: {key}.class_names: expected {NumClasses} names (num_classes), got {ClassNames.Count}");
        }
        if (ImageSize != null && (format != DatasetFormat.ImageFolder || ImageSize.Count != 2 || ImageSize.Any(v => v < 1)))
        {
            throw new ConfigException($"{source}: {key}.image_size: only for image_folder, as [height, width] with positive values");
        }
        if (Augmentation.CropPadding < 0)
        {
            throw new ConfigException($"{source}: {key}.augmentation.crop_padding: {Augmentation.CropPadding} is negative");
        }
    }

    /// <summary>
    /// True when this image_folder dataset leaves something out that its files tell (splits, classes, mean/std);
    /// <c>ImageFolderDefaults.Complete</c> fills it in.
    /// </summary>
    [YamlIgnore]
    public bool NeedsCompletion =>
        ParseFormat(Format) == DatasetFormat.ImageFolder
        && (Train == null || Mean.Count == 0 || ClassNames.Count == 0 || NumClasses == 0);

    private static void RequireValue([NotNull] object? value, string source, string key, string name)
    {
        if (value is null)
        {
            throw new ConfigException($"{source}: {key}.{name}: empty; expected a value");
        }
    }

    private static DatasetFormat? ParseFormat(string text) => text switch
    {
        "idx" => DatasetFormat.Idx,
        "cifar10" => DatasetFormat.Cifar10,
        "image_folder" => DatasetFormat.ImageFolder,
        _ => null,
    };
}
