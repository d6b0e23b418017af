using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Reads the splits a <see cref="DatasetConfig"/> describes from local files. Nothing is downloaded: a missing root
/// is a <see cref="DatasetException"/> naming the Debian package or the folder that is expected.
/// </summary>
public static class DatasetLoader
{
    /// <summary>Reads train, validation (given or carved from train) and, when configured, test.</summary>
    public static DatasetSplits Load(DatasetConfig config)
    {
        ImageDataset train = LoadSplit(config, config.Train!, "train");
        ImageDataset validation;
        if (config.Val != null)
        {
            validation = LoadSplit(config, config.Val, "val");
        }
        else if (config.ValidationFromTrain > 0)
        {
            if (config.ValidationFromTrain >= train.Count)
            {
                throw new DatasetException(
                    $"dataset '{config.Name}': validation_from_train is {config.ValidationFromTrain} but train has only {train.Count} images");
            }
            (train, validation) = train.Split(config.ValidationFromTrain, config.SplitSeed);
        }
        else
        {
            throw new DatasetException(
                $"dataset '{config.Name}': no val split and validation_from_train is 0; training needs validation images");
        }
        ImageDataset? test = config.Test == null ? null : LoadSplit(config, config.Test, "test");
        return new DatasetSplits(config, train, validation, test);
    }

    /// <summary>Reads only the test split (for <c>mbc test</c>), at most <paramref name="limit"/> images.</summary>
    public static ImageDataset LoadTest(DatasetConfig config, int? limit = null) =>
        config.Test == null
            ? throw new DatasetException($"dataset '{config.Name}': no test split configured")
            : LoadSplit(config, config.Test, "test", limit);

    /// <summary>Reads one split, checking its channel count and labels against the config.</summary>
    public static ImageDataset LoadSplit(DatasetConfig config, DatasetSplitConfig split, string splitName, int? limit = null)
    {
        string root = CheckRoot(config);
        ImageDataset data = config.Kind switch
        {
            DatasetFormat.Idx => IdxReader.Read(Path.Combine(root, split.Images!), Path.Combine(root, split.Labels!), limit),
            DatasetFormat.Cifar10 => Cifar10Reader.Read(split.Files!.Select(f => Path.Combine(root, f)).ToArray(), limit),
            _ => ImageFolderReader.Read(
                Path.Combine(root, split.Folder!),
                config.Channels,
                config.ImageSize == null ? null : (config.ImageSize[0], config.ImageSize[1]),
                config.ClassNames,
                limit),
        };
        string source = $"dataset '{config.Name}' split {splitName}";
        if (data.Channels != config.Channels)
        {
            throw new DatasetException($"{source}: images have {data.Channels} channel(s) but mean/std give {config.Channels}");
        }
        data.CheckLabels(config.NumClasses, source);
        return data;
    }

    private static string CheckRoot(DatasetConfig config)
    {
        if (Directory.Exists(config.Root))
        {
            return config.Root;
        }
        string hint = config.DebianPackage != null
            ? $"install the Debian package '{config.DebianPackage}' (sudo apt-get install {config.DebianPackage}) or point root at a copy"
            : $"put the {DatasetConfig.FormatName(config.Kind)} files there or point root at them";
        throw new DatasetException($"dataset '{config.Name}': folder {Path.GetFullPath(config.Root)} not found; {hint}");
    }
}
