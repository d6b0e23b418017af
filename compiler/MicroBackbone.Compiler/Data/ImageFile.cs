using SkiaSharp;

namespace MicroBackbone.Compiler.Data;

/// <summary>One PNG or JPEG image decoded with SkiaSharp into the dataset layout (uint8, CHW).</summary>
public static class ImageFile
{
    /// <summary>The most pixels an image may have: 8192x8192 (256 MiB decoded), far beyond any input of a tiny CNN.</summary>
    public const long MaxPixels = 8192L * 8192;

    /// <summary>The image at <paramref name="file"/> as a one-image dataset (label 0) at its own size.</summary>
    public static ImageDataset Read(string file, int channels)
    {
        (int Height, int Width)? shape = null;
        byte[] chw = Decode(file, channels, resize: false, ref shape);
        return new ImageDataset(chw, [0], channels, shape!.Value.Height, shape.Value.Width);
    }

    /// <summary>
    /// Decodes <paramref name="file"/> to CHW bytes with <paramref name="channels"/> channels (1: integer ITU-R 601 luma).
    /// <paramref name="shape"/> null takes the image's size and sets it; otherwise the image must have it, or is resized
    /// to it when <paramref name="resize"/> is true.
    /// </summary>
    public static byte[] Decode(string file, int channels, bool resize, ref (int Height, int Width)? shape)
    {
        using SKBitmap decoded = DecodeComplete(file);
        shape ??= (decoded.Height, decoded.Width);
        (int height, int width) = shape.Value;
        if (!resize && (decoded.Width != width || decoded.Height != height))
        {
            throw new DatasetException(
                $"{file}: image is {decoded.Width}x{decoded.Height} but earlier images are {width}x{height}; set image_size to resize");
        }
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        SKBitmap rgba;
        if (decoded.Width == width && decoded.Height == height)
        {
            rgba = decoded.Copy(SKColorType.Rgba8888)
                ?? throw new DatasetException($"{file}: cannot convert the image to RGBA");
        }
        else
        {
            rgba = decoded.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Nearest))
                ?? throw new DatasetException($"{file}: cannot resize {decoded.Width}x{decoded.Height} to {width}x{height}");
        }
        using (rgba)
        {
            ReadOnlySpan<byte> source = rgba.GetPixelSpan();
            int plane = height * width;
            byte[] chw = new byte[channels * plane];
            for (int p = 0; p < plane; p++)
            {
                byte r = source[4 * p], g = source[(4 * p) + 1], b = source[(4 * p) + 2];
                if (channels == 1)
                {
                    // ITU-R 601 luma in integers so grey conversion is exact and platform independent.
                    chw[p] = (byte)(((299 * r) + (587 * g) + (114 * b) + 500) / 1000);
                }
                else
                {
                    chw[p] = r;
                    chw[plane + p] = g;
                    chw[(2 * plane) + p] = b;
                }
            }
            return chw;
        }
    }

    // SKBitmap.Decode accepts an image whose data ends early (the missing rows come out blank), so a truncated file
    // would be classified or calibrated on as if it were whole; only a complete decode is accepted here.
    private static SKBitmap DecodeComplete(string file)
    {
        using SKCodec codec = SKCodec.Create(file)
            ?? throw new DatasetException($"{file}: not a decodable PNG or JPEG image");
        SKImageInfo info = codec.Info;
        // The header's size is believed before any pixel is read: a 100-byte JPEG claiming 61960x32775 would have
        // 8 GB allocated and decoded (nearly a minute) and then overflow a span, so a size past the limit is refused.
        if ((long)info.Width * info.Height > MaxPixels)
        {
            throw new DatasetException(
                $"{file}: the image header claims {info.Width}x{info.Height} pixels; expected at most {MaxPixels:N0} (8192x8192)");
        }
        if (info.AlphaType == SKAlphaType.Unpremul)
        {
            info.AlphaType = SKAlphaType.Premul;
        }
        info.ColorSpace = null;
        var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new DatasetException(
                $"{file}: the image is truncated or corrupt ({Describe(result)}); expected a complete PNG or JPEG");
        }
        return bitmap;
    }

    private static string Describe(SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => "its data ends before the last row",
        SKCodecResult.ErrorInInput => "its data has an error",
        _ => $"decoding stopped with {result}",
    };
}
