using System.Globalization;
using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Fills in what an image_folder dataset leaves out, from its files: the splits (<c>train/</c>, <c>val/</c> (or
/// <c>valid/</c>, <c>validation/</c>) and <c>test/</c> under the root, or the root itself as the training split), the
/// class names (the training split's sub-folders), the stored channel count (1 when every training pixel is grey,
/// else 3) and the per-channel mean and standard deviation of the training images. Without a validation split a
/// tenth of the training images (at least one) is carved off.
/// </summary>
public static class ImageFolderDefaults
{
    private static readonly string[] ValidationFolders = ["val", "valid", "validation"];

    /// <summary>
    /// Completes <paramref name="config"/> in place when it <see cref="DatasetConfig.NeedsCompletion"/> and returns
    /// one line saying what was worked out (null when nothing was); <paramref name="source"/> names the YAML file.
    /// </summary>
    public static string? Complete(DatasetConfig config, string source)
    {
        if (!config.NeedsCompletion)
        {
            return null;
        }
        string root = config.Root;
        if (!Directory.Exists(root))
        {
            throw new DatasetException($"dataset '{config.Name}': folder {Path.GetFullPath(root)} not found; put the class sub-folders of images there (or train/ val/ test/ each holding them) or point root at them");
        }
        var worked = new List<string>();
        if (config.Train == null)
        {
            string folder = Directory.Exists(Path.Combine(root, "train")) ? "train" : ".";
            config.Train = new DatasetSplitConfig { Folder = folder };
            worked.Add(folder == "." ? "train = the root's class folders" : "train = train/");
        }
        if (config.Val == null && config.ValidationFromTrain == 0
            && ValidationFolders.FirstOrDefault(f => Directory.Exists(Path.Combine(root, f))) is string val)
        {
            config.Val = new DatasetSplitConfig { Folder = val };
            worked.Add($"val = {val}/");
        }
        if (config.Test == null && config.Train.Folder != "." && Directory.Exists(Path.Combine(root, "test")))
        {
            config.Test = new DatasetSplitConfig { Folder = "test" };
            worked.Add("test = test/");
        }
        string trainFolder = Path.Combine(root, config.Train.Folder!);
        if (config.ClassNames.Count == 0)
        {
            config.ClassNames = ImageFolderReader.ClassNames(trainFolder).ToList();
            if (config.NumClasses != 0 && config.NumClasses != config.ClassNames.Count)
            {
                throw new DatasetException(
                    $"{source}: dataset '{config.Name}': num_classes is {config.NumClasses} but {trainFolder} has {config.ClassNames.Count} class sub-folders");
            }
            worked.Add($"{config.ClassNames.Count} classes from the folder names");
        }
        config.NumClasses = config.ClassNames.Count;
        ImageDataset? train = null;
        if (config.Mean.Count == 0)
        {
            (int, int)? size = config.ImageSize == null ? null : (config.ImageSize[0], config.ImageSize[1]);
            train = ImageFolderReader.Read(trainFolder, 3, size, config.ClassNames);
            (double[] mean, double[] std) = Statistics(train);
            config.Mean = mean.ToList();
            config.Std = std.ToList();
            worked.Add(FormattableString.Invariant(
                $"{mean.Length} channel(s), mean [{Join(mean)}] std [{Join(std)}] from the {train.Count} training images"));
        }
        if (config.Val == null && config.ValidationFromTrain == 0)
        {
            int count = train?.Count ?? ImageFolderReader.Read(trainFolder, config.Channels,
                config.ImageSize == null ? null : (config.ImageSize[0], config.ImageSize[1]), config.ClassNames).Count;
            config.ValidationFromTrain = Math.Max(1, count / 10);
            worked.Add($"no val folder, so {config.ValidationFromTrain} training images validate");
        }
        config.Validate(source, $"dataset '{config.Name}' (completed from its files)");
        return $"dataset '{config.Name}': {string.Join(", ", worked)} (write them into {source} to skip this)";
    }

    // Per-channel mean and standard deviation of pixels scaled to [0, 1]; one channel when every pixel is grey.
    private static (double[] Mean, double[] Std) Statistics(ImageDataset rgb)
    {
        int plane = rgb.Height * rgb.Width;
        bool grey = true;
        var sum = new double[3];
        var squares = new double[3];
        for (int i = 0; i < rgb.Count; i++)
        {
            ReadOnlySpan<byte> image = rgb.Image(i);
            for (int p = 0; p < plane; p++)
            {
                byte r = image[p], g = image[plane + p], b = image[(2 * plane) + p];
                grey &= r == g && g == b;
                for (int c = 0; c < 3; c++)
                {
                    double v = image[(c * plane) + p] / 255.0;
                    sum[c] += v;
                    squares[c] += v * v;
                }
            }
        }
        int channels = grey ? 1 : 3;
        double n = (double)rgb.Count * plane;
        var mean = new double[channels];
        var std = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            mean[c] = Math.Round(sum[c] / n, 4);
            // A constant channel has no spread; 1 keeps the normalisation a plain shift instead of a division by 0.
            double spread = Math.Sqrt(Math.Max(0, (squares[c] / n) - ((sum[c] / n) * (sum[c] / n))));
            std[c] = spread < 1e-4 ? 1 : Math.Round(spread, 4);
        }
        return (mean, std);
    }

    private static string Join(double[] values) =>
        string.Join(", ", values.Select(v => v.ToString("0.0###", CultureInfo.InvariantCulture)));
}
