namespace MicroBackbone.Compiler.Config;

/// <summary>Where one split (train, val or test) lives under the dataset root; which keys apply depends on the format.</summary>
public sealed class DatasetSplitConfig
{
    /// <summary>IDX image file (format idx), relative to the root.</summary>
    public string? Images { get; set; }

    /// <summary>IDX label file (format idx), relative to the root.</summary>
    public string? Labels { get; set; }

    /// <summary>Binary batch files (format cifar10), relative to the root, read in this order.</summary>
    public List<string>? Files { get; set; }

    /// <summary>Folder with one sub-folder per class (format image_folder), relative to the root.</summary>
    public string? Folder { get; set; }

    /// <summary>Checks that exactly the keys <paramref name="format"/> needs are present.</summary>
    internal void Validate(DatasetFormat format, string source, string key)
    {
        switch (format)
        {
            case DatasetFormat.Idx:
                Require(Images, source, key, "images", format);
                Require(Labels, source, key, "labels", format);
                Forbid(Files != null, source, key, "files", format);
                Forbid(Folder != null, source, key, "folder", format);
                break;
            case DatasetFormat.Cifar10:
                if (Files == null || Files.Count == 0 || Files.Any(string.IsNullOrWhiteSpace))
                {
                    throw new ConfigException($"{source}: {key}.files: expected a non-empty list of batch file names for format cifar10");
                }
                Forbid(Images != null || Labels != null, source, key, "images/labels", format);
                Forbid(Folder != null, source, key, "folder", format);
                break;
            case DatasetFormat.ImageFolder:
                Require(Folder, source, key, "folder", format);
                Forbid(Images != null || Labels != null, source, key, "images/labels", format);
                Forbid(Files != null, source, key, "files", format);
                break;
        }
    }

    private static void Require(string? value, string source, string key, string name, DatasetFormat format)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigException($"{source}: {key}.{name}: required for format {DatasetConfig.FormatName(format)}");
        }
    }

    private static void Forbid(bool present, string source, string key, string name, DatasetFormat format)
    {
        if (present)
        {
            throw new ConfigException($"{source}: {key}.{name}: not used by format {DatasetConfig.FormatName(format)}");
        }
    }
}
