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
    /// The images directly in <paramref name="folder"/> (no class sub-folders, e.g. a calibration set), in ordinal
    /// order, all labelled 0, at most <paramref name="limit"/>; sizes as in <see cref="Read"/>.
    /// </summary>
    public static ImageDataset ReadUnlabelled(string folder, int channels, int? limit = null)
    {
        string[] files = Directory.GetFiles(folder)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Take(limit ?? int.MaxValue)
            .ToArray();
        if (files.Length == 0)
        {
            throw new DatasetException($"{folder}: no .png/.jpg/.jpeg images in it (nor class sub-folders holding them)");
        }
        (int Height, int Width)? shape = null;
        byte[][] images = files.Select(f => ImageFile.Decode(f, channels, resize: false, ref shape)).ToArray();
        return new ImageDataset(images.SelectMany(i => i).ToArray(), new int[files.Length], channels, shape!.Value.Height, shape.Value.Width);
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
                pixels.Add(ImageFile.Decode(file, channels, size != null, ref shape));
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
}
