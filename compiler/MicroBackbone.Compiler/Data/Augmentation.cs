namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Turns one stored uint8 CHW image into the model's normalised float input in a single pass: fit to the input size
/// (centred zero padding, e.g. 28x28 to 32x32, or nearest resize when larger), then, when training, a random crop
/// with zero padding and a random horizontal flip, channel replication 1 to 3, and (v/255 - mean)/std.
/// Randomness comes only from the <see cref="Random"/> the caller passes, so a seed fixes the output. An instance
/// keeps small scratch buffers and is not thread-safe.
/// </summary>
public sealed class Augmentation
{
    private readonly int sourceChannels;
    private readonly int sourceHeight;
    private readonly int sourceWidth;
    private readonly int[] rowSource;
    private readonly int[] columnSource;
    private readonly float[][] normalised;

    /// <summary>Prepares the transform from images of shape <paramref name="sourceChannels"/>x<paramref name="sourceHeight"/>x<paramref name="sourceWidth"/>.</summary>
    public Augmentation(int sourceChannels, int sourceHeight, int sourceWidth, AugmentationOptions options)
    {
        if (options.Channels < 1 || options.Height < 1 || options.Width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"input shape {options.Channels}x{options.Height}x{options.Width} is empty");
        }
        if (options.Channels != sourceChannels && !(sourceChannels == 1 && options.Channels == 3))
        {
            throw new DatasetException(
                $"images have {sourceChannels} channel(s) but the model takes {options.Channels}; only 1 to 3 replication is supported");
        }
        if (options.Mean.Count != sourceChannels || options.Std.Count != sourceChannels)
        {
            throw new DatasetException(
                $"normalisation needs one mean and std per stored channel ({sourceChannels}), got {options.Mean.Count} and {options.Std.Count}");
        }
        if (options.CropPadding < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "crop padding is negative");
        }
        this.sourceChannels = sourceChannels;
        this.sourceHeight = sourceHeight;
        this.sourceWidth = sourceWidth;
        Options = options;
        rowSource = new int[options.Height];
        columnSource = new int[options.Width];
        // One lookup table per stored channel: normalising a byte is then a single load.
        normalised = new float[sourceChannels][];
        for (int c = 0; c < sourceChannels; c++)
        {
            normalised[c] = new float[256];
            for (int v = 0; v < 256; v++)
            {
                normalised[c][v] = (float)(((v / 255.0) - options.Mean[c]) / options.Std[c]);
            }
        }
    }

    /// <summary>The output shape and transforms.</summary>
    public AugmentationOptions Options { get; }

    /// <summary>Floats one output image takes (C*H*W of the model input).</summary>
    public int OutputSize => Options.Channels * Options.Height * Options.Width;

    /// <summary>
    /// Writes the transformed <paramref name="image"/> into <paramref name="output"/> (<see cref="OutputSize"/> floats).
    /// With <paramref name="random"/> null (evaluation) no random transform is applied; otherwise the crop offsets and the
    /// flip are drawn from it, in that order, for every image, so the stream of draws does not depend on pixel content.
    /// </summary>
    public void Apply(ReadOnlySpan<byte> image, Span<float> output, Random? random)
    {
        int height = Options.Height, width = Options.Width;
        int shiftY = 0, shiftX = 0;
        bool flip = false;
        if (random != null)
        {
            if (Options.CropPadding > 0)
            {
                shiftY = random.Next(-Options.CropPadding, Options.CropPadding + 1);
                shiftX = random.Next(-Options.CropPadding, Options.CropPadding + 1);
            }
            if (Options.HorizontalFlip)
            {
                flip = random.Next(2) == 1;
            }
        }
        for (int y = 0; y < height; y++)
        {
            rowSource[y] = FitToSource(y + shiftY, height, sourceHeight);
        }
        for (int x = 0; x < width; x++)
        {
            int fitted = (flip ? width - 1 - x : x) + shiftX;
            columnSource[x] = FitToSource(fitted, width, sourceWidth);
        }
        int sourcePlane = sourceHeight * sourceWidth;
        int plane = height * width;
        for (int c = 0; c < Options.Channels; c++)
        {
            int stored = sourceChannels == 1 ? 0 : c;
            float[] table = normalised[stored];
            ReadOnlySpan<byte> source = image.Slice(stored * sourcePlane, sourcePlane);
            Span<float> target = output.Slice(c * plane, plane);
            for (int y = 0; y < height; y++)
            {
                int sy = rowSource[y];
                Span<float> row = target.Slice(y * width, width);
                if (sy < 0)
                {
                    row.Fill(table[0]);
                    continue;
                }
                ReadOnlySpan<byte> sourceRow = source.Slice(sy * sourceWidth, sourceWidth);
                for (int x = 0; x < width; x++)
                {
                    int sx = columnSource[x];
                    row[x] = table[sx < 0 ? 0 : sourceRow[sx]];
                }
            }
        }
    }

    /// <summary>
    /// Maps a coordinate of the fitted (model-sized) image to the stored image: -1 for a zero pixel. Smaller images sit
    /// centred in zero padding; larger ones are sampled nearest-neighbour.
    /// </summary>
    private static int FitToSource(int fitted, int size, int sourceSize)
    {
        if (fitted < 0 || fitted >= size)
        {
            return -1;
        }
        if (sourceSize <= size)
        {
            int source = fitted - ((size - sourceSize) / 2);
            return source >= 0 && source < sourceSize ? source : -1;
        }
        return (int)((long)fitted * sourceSize / size);
    }
}
