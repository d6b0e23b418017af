using SkiaSharp;

namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Reads a folder holding one sub-folder of PNG/JPEG images per class. Classes are the sub-folder names in ordinal
/// order (or the order given), files are read in ordinal order, so the same folder always yields the same dataset.
/// </summary>
public static class ImageFolderReader
{
    private static readonly string[] Extensions = { ".png", ".jpg", ".jpeg" };

    /// <summary>The class names <paramref name="folder"/> defines: its sub-folder names in ordinal order.</summary>
    public static IReadOnlyList<string> ClassNames(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DatasetException($"{folder}: image folder not found (expected one sub-folder of images per class)");
        }
        return Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Decodes every image under <paramref name="folder"/> to <paramref name="channels"/> channels (1 = grey, 3 = RGB).
    /// Images are resized to <paramref name="size"/> when given; otherwise they must all have the first image's size.
    /// <paramref name="classNames"/> fixes the label order (every name needs a sub-folder, no other sub-folder may
    /// exist); null means the sorted sub-folder names.
    /// </summary>
    public static ImageDataset Read(
        string folder, int channels, (int Height, int Width)? size = null, IReadOnlyList<string>? classNames = null, int? limit = null)
    {
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), "channels must be 1 or 3");
        }
        IReadOnlyList<string> found = ClassNames(folder);
        IReadOnlyList<string> classes = classNames ?? found;
        string? extra = found.FirstOrDefault(f => !classes.Contains(f));
        if (extra != null)
        {
            throw new DatasetException($"{Path.Combine(folder, extra)}: sub-folder is not one of the classes ({string.Join(", ", classes)})");
        }
        if (classes.Count == 0)
        {
            throw new DatasetException($"{folder}: no class sub-folders found");
        }
        var pixels = new List<byte[]>();
        var labels = new List<int>();
        (int Height, int Width)? shape = size;
        for (int label = 0; label < classes.Count; label++)
        {
            string classFolder = Path.Combine(folder, classes[label]);
            if (!Directory.Exists(classFolder))
            {
                throw new DatasetException($"{classFolder}: missing sub-folder for class '{classes[label]}'");
            }
            IEnumerable<string> files = Directory.GetFiles(classFolder)
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .OrderBy(f => f, StringComparer.Ordinal);
            foreach (string file in files)
            {
                if (labels.Count >= (limit ?? int.MaxValue))
                {
                    break;
                }
                pixels.Add(Decode(file, channels, size != null, ref shape));
                labels.Add(label);
            }
        }
        if (labels.Count == 0 || shape == null)
        {
            throw new DatasetException($"{folder}: no .png/.jpg/.jpeg images in the class sub-folders");
        }
        byte[] all = new byte[(long)labels.Count * channels * shape.Value.Height * shape.Value.Width];
        long offset = 0;
        foreach (byte[] image in pixels)
        {
            image.CopyTo(all, offset);
            offset += image.Length;
        }
        return new ImageDataset(all, labels.ToArray(), channels, shape.Value.Height, shape.Value.Width);
    }

    private static byte[] Decode(string file, int channels, bool resize, ref (int Height, int Width)? shape)
    {
        using SKBitmap? decoded = SKBitmap.Decode(file)
            ?? throw new DatasetException($"{file}: not a decodable PNG or JPEG image");
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
            rgba = decoded.Resize(info, SKFilterQuality.Medium)
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
}
