using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Compiler.Quantization;

/// <summary>
/// The images static quantization calibrates on, preprocessed exactly as evaluation feeds the model (resize/pad to
/// the input size, channel replication, the dataset's normalisation) and laid out NHWC as the IR's input. The source
/// is read only: nothing is written next to it.
/// </summary>
public static class CalibrationImages
{
    /// <summary>Samples when the user does not say: inside the 200-500 images post-training quantization needs.</summary>
    public const int DefaultCount = 300;

    /// <summary>
    /// The first <paramref name="count"/> images of <paramref name="folder"/> (an image folder: one sub-folder per class,
    /// or the images themselves without sub-folders; PNG or JPEG), stored with <paramref name="normalisation"/>'s
    /// channel count and normalised with its mean and std.
    /// </summary>
    public static IReadOnlyList<float[]> FromFolder(string folder, DatasetConfig normalisation, ModelSpec spec, int count = DefaultCount)
    {
        if (!Directory.Exists(folder))
        {
            throw new DatasetException($"{folder}: calibration folder not found (expected images, or one sub-folder of images per class)");
        }
        // Labels play no part in calibration, so a flat folder of images serves as well as a classified one.
        ImageDataset images = Directory.GetDirectories(folder).Length == 0
            ? ImageFolderReader.ReadUnlabelled(folder, normalisation.Channels, count)
            : ImageFolderReader.Read(folder, normalisation.Channels, limit: count);
        if (images.Count == 0)
        {
            throw new DatasetException($"{folder}: no PNG or JPEG images in its class sub-folders to calibrate on");
        }
        return Preprocess(images, normalisation, spec, folder);
    }

    /// <summary>The first <paramref name="count"/> images of <paramref name="dataset"/>'s train split (never its test split).</summary>
    public static IReadOnlyList<float[]> FromDataset(DatasetConfig dataset, ModelSpec spec, int count = DefaultCount)
    {
        DatasetSplitConfig split = dataset.Train
            ?? throw new DatasetException($"dataset '{dataset.Name}': no train split to calibrate on");
        ImageDataset images = DatasetLoader.LoadSplit(dataset, split, "train", count);
        return Preprocess(images, dataset, spec, $"dataset '{dataset.Name}'");
    }

    private static List<float[]> Preprocess(ImageDataset images, DatasetConfig normalisation, ModelSpec spec, string source)
    {
        var nhwc = new NhwcImages(images, normalisation, spec, source);
        return Enumerable.Range(0, nhwc.Count).Select(nhwc.Read).ToList();
    }
}
