using SkiaSharp;

namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>
/// Turns an image file into the model's float input the way the training pipeline evaluates a dataset image: centred
/// on a black square of the model's size (a 28x28 Fashion-MNIST image gets 2 pixels of zero padding each side), integer
/// ITU-R 601 luma for a one-channel dataset or R, G, B for a three-channel one (HWC), then (v/255 - mean)/std per channel. Images larger than the dataset's native size are first scaled to fit
/// it, keeping their aspect ratio, so a photo ends up framed like a Fashion-MNIST item.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly float[][] normalised;

    /// <summary>Prepares for a square model input of side <paramref name="inputSize"/> trained on <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentException">The input is smaller than the dataset's native images.</exception>
    public ImagePreprocessor(int inputSize, DatasetNormalization dataset, bool invert = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (inputSize < dataset.NativeSize)
        {
            throw new ArgumentException(
                $"input size {inputSize} is smaller than {dataset.Name}'s {dataset.NativeSize}x{dataset.NativeSize} images", nameof(inputSize));
        }
        InputSize = inputSize;
        Dataset = dataset;
        Invert = invert;
        normalised = new float[dataset.Channels][];
        for (int c = 0; c < dataset.Channels; c++)
        {
            normalised[c] = new float[256];
            for (int v = 0; v < 256; v++)
            {
                // Same arithmetic as training (double, then float) so a dataset image gives bit-identical floats.
                normalised[c][v] = (float)(((v / 255.0) - dataset.Mean[c]) / dataset.Std[c]);
            }
        }
    }

    /// <summary>Side of the square model input in pixels.</summary>
    public int InputSize { get; }

    /// <summary>The dataset whose framing and normalisation are applied.</summary>
    public DatasetNormalization Dataset { get; }

    /// <summary>
    /// True to invert gray levels first: Fashion-MNIST items are light on black, a photo is usually dark on white.
    /// </summary>
    public bool Invert { get; }

    /// <summary>Floats one preprocessed image takes (HWC).</summary>
    public int OutputLength => InputSize * InputSize * Dataset.Channels;

    /// <summary>Decodes the PNG or JPEG at <paramref name="path"/> into <paramref name="output"/> (HWC, C = the dataset's channels).</summary>
    /// <exception cref="InvalidDataException">The file is not a decodable image.</exception>
    public void Load(string path, Span<float> output)
    {
        using SKBitmap? bitmap = SKBitmap.Decode(path)
            ?? throw new InvalidDataException($"{path}: not a decodable PNG or JPEG image");
        Apply(bitmap, output);
    }

    /// <summary>Preprocesses a decoded <paramref name="bitmap"/> into <paramref name="output"/> (<see cref="OutputLength"/> floats).</summary>
    public void Apply(SKBitmap bitmap, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (output.Length != OutputLength)
        {
            throw new ArgumentException($"expected {OutputLength} floats, got {output.Length}", nameof(output));
        }
        SKRectI target = Fit(bitmap.Width, bitmap.Height);
        // Drawing onto opaque black composites any transparency over the zero padding the dataset uses.
        var info = new SKImageInfo(InputSize, InputSize, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvasBitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(canvasBitmap))
        {
            canvas.Clear(SKColors.Black);
            // What SkiaSharp 2's FilterQuality.High did: pixels copied as they are at the native size, Mitchell cubic
            // when scaled (SkiaSharp 3 would blur even an unscaled draw with a cubic filter).
            bool unscaled = target.Width == bitmap.Width && target.Height == bitmap.Height;
            var sampling = unscaled ? new SKSamplingOptions(SKFilterMode.Nearest) : new SKSamplingOptions(SKCubicResampler.Mitchell);
            using var paint = new SKPaint { IsAntialias = true };
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, target, sampling, paint);
        }
        ReadOnlySpan<byte> rgba = canvasBitmap.GetPixelSpan();
        int pixels = InputSize * InputSize;
        for (int p = 0; p < pixels; p++)
        {
            // Only the item is inverted: the padding stays black like the dataset's.
            bool invert = Invert && target.Contains(p % InputSize, p / InputSize);
            byte r = rgba[4 * p], g = rgba[(4 * p) + 1], b = rgba[(4 * p) + 2];
            if (Dataset.Channels == 1)
            {
                int gray = ((299 * r) + (587 * g) + (114 * b) + 500) / 1000;
                output[p] = normalised[0][invert ? 255 - gray : gray];
                continue;
            }
            for (int c = 0; c < 3; c++)
            {
                int v = rgba[(4 * p) + c];
                output[(3 * p) + c] = normalised[c][invert ? 255 - v : v];
            }
        }
    }

    /// <summary>
    /// Where the image lands on the model input: at its own size and centred when it fits the input, otherwise scaled
    /// (aspect kept) to fit the dataset's native size and centred.
    /// </summary>
    public SKRectI Fit(int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"image is {width}x{height}");
        }
        int w = width, h = height;
        if (width > InputSize || height > InputSize)
        {
            double scale = (double)Dataset.NativeSize / Math.Max(width, height);
            w = Math.Max(1, (int)Math.Round(width * scale));
            h = Math.Max(1, (int)Math.Round(height * scale));
        }
        int left = (InputSize - w) / 2, top = (InputSize - h) / 2;
        return new SKRectI(left, top, left + w, top + h);
    }
}
