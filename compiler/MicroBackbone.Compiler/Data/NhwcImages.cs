using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Images of a dataset as the IR takes them: evaluation preprocessing (resize/pad to the model's input, channel
/// replication, the dataset's normalisation, no random transform) and NHWC layout, one image at a time.
/// </summary>
public sealed class NhwcImages
{
    private readonly ImageDataset images;
    private readonly Augmentation augmentation;
    private readonly float[] chw;
    private readonly int channels;
    private readonly int plane;

    /// <summary>Prepares <paramref name="images"/> for <paramref name="spec"/>'s input with <paramref name="normalisation"/>'s mean and std.</summary>
    public NhwcImages(ImageDataset images, DatasetConfig normalisation, ModelSpec spec, string source)
    {
        (int c, int h, int w) = (spec.Input.Channels, spec.Input.Height, spec.Input.Width);
        // Normalisation is per stored channel, as in training: a 1-channel image fed to a 3-channel model is
        // normalised once and then replicated, so a gray dataset's one mean and std serve a TorchVision arch.
        int stored = images.Channels;
        if (normalisation.Mean.Count != 1 && normalisation.Mean.Count != stored)
        {
            throw new DatasetException($"{source}: normalisation has {normalisation.Mean.Count} channels but the images have {stored}");
        }
        this.images = images;
        augmentation = new Augmentation(images.Channels, images.Height, images.Width,
            new AugmentationOptions(c, h, w, Broadcast(normalisation.Mean, stored), Broadcast(normalisation.Std, stored)));
        chw = new float[augmentation.OutputSize];
        channels = c;
        plane = h * w;
    }

    /// <summary>Images available.</summary>
    public int Count => images.Count;

    /// <summary>Floats of one image (H * W * C).</summary>
    public int ImageSize => chw.Length;

    /// <summary>The label of image <paramref name="index"/>.</summary>
    public int Label(int index) => images.Labels[index];

    /// <summary>Writes image <paramref name="index"/> as NHWC floats into <paramref name="nhwc"/>.</summary>
    public void Read(int index, Span<float> nhwc)
    {
        augmentation.Apply(images.Image(index), chw, random: null);
        for (int c = 0; c < channels; c++)
        {
            for (int pixel = 0; pixel < plane; pixel++)
            {
                nhwc[pixel * channels + c] = chw[c * plane + pixel];
            }
        }
    }

    /// <summary>Image <paramref name="index"/> in a new array.</summary>
    public float[] Read(int index)
    {
        var nhwc = new float[chw.Length];
        Read(index, nhwc);
        return nhwc;
    }

    private static double[] Broadcast(IReadOnlyList<double> values, int count) =>
        values.Count == count ? values.ToArray() : Enumerable.Repeat(values[0], count).ToArray();
}
