namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Images decoded once into memory: uint8 pixels in NCHW order and one label per image. Subsets copy the pixels so a
/// dataset never aliases another.
/// </summary>
public sealed class ImageDataset
{
    /// <summary>Wraps <paramref name="pixels"/> (N*C*H*W bytes, NCHW) and <paramref name="labels"/> (N values).</summary>
    public ImageDataset(byte[] pixels, int[] labels, int channels, int height, int width)
    {
        if (channels < 1 || height < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"image shape {channels}x{height}x{width} is empty");
        }
        if (pixels.LongLength != (long)labels.Length * channels * height * width)
        {
            throw new ArgumentException(
                $"{pixels.LongLength} pixel bytes do not hold {labels.Length} images of {channels}x{height}x{width}", nameof(pixels));
        }
        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>All pixels, image after image, each in CHW order.</summary>
    public byte[] Pixels { get; }

    /// <summary>Class index of each image.</summary>
    public int[] Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>Channels per image (1 grey, 3 RGB).</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Bytes per image (C*H*W).</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * ImageSize, ImageSize);

    /// <summary>A copy holding the images at <paramref name="indices"/>, in that order.</summary>
    public ImageDataset Subset(IReadOnlyList<int> indices)
    {
        int size = ImageSize;
        byte[] pixels = new byte[(long)indices.Count * size];
        int[] labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * size, size));
            labels[i] = Labels[indices[i]];
        }
        return new ImageDataset(pixels, labels, Channels, Height, Width);
    }

    /// <summary>The first <paramref name="count"/> images (all of them when there are fewer).</summary>
    public ImageDataset Take(int count) =>
        count >= Count ? this : Subset(Enumerable.Range(0, Math.Max(0, count)).ToArray());

    /// <summary>
    /// Splits off <paramref name="count"/> images picked by a shuffle seeded with <paramref name="seed"/>; the rest keep
    /// their original order (Kept). Used to carve a validation split from train when a dataset ships none.
    /// </summary>
    public (ImageDataset Kept, ImageDataset Carved) Split(int count, int seed)
    {
        if (count <= 0 || count >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"cannot carve {count} of {Count} images");
        }
        int[] order = Enumerable.Range(0, Count).ToArray();
        new Random(seed).Shuffle(order);
        int[] carved = order[..count];
        Array.Sort(carved);
        int[] rest = order[count..];
        Array.Sort(rest);
        return (Subset(rest), Subset(carved));
    }

    /// <summary>Checks every label is in [0, <paramref name="numClasses"/>); <paramref name="source"/> names the data in errors.</summary>
    public void CheckLabels(int numClasses, string source)
    {
        for (int i = 0; i < Labels.Length; i++)
        {
            if ((uint)Labels[i] >= (uint)numClasses)
            {
                throw new DatasetException($"{source}: image {i} has label {Labels[i]}, expected 0..{numClasses - 1}");
            }
        }
    }
}
