using System.IO.Compression;

namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Reads IDX files (the MNIST format), gzip-compressed or raw: a big-endian header of magic number and dimensions,
/// then unsigned bytes. Only unsigned-byte images (magic 0x00000803) and labels (0x00000801) are accepted.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte, 3-dimensional (N x rows x cols) image file.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte, 1-dimensional label file.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an image file and its label file into a 1-channel dataset, at most <paramref name="limit"/> images.</summary>
    public static ImageDataset Read(string imagesPath, string labelsPath, int? limit = null)
    {
        (byte[] pixels, int count, int rows, int cols) = ReadImages(imagesPath, limit);
        byte[] labels = ReadLabels(labelsPath, limit);
        if (labels.Length != count)
        {
            throw new DatasetException($"{labelsPath}: holds {labels.Length} labels but {imagesPath} holds {count} images");
        }
        return new ImageDataset(pixels, labels.Select(l => (int)l).ToArray(), 1, rows, cols);
    }

    /// <summary>Reads the pixels of an image file (NHW bytes), at most <paramref name="limit"/> images.</summary>
    public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(string path, int? limit = null)
    {
        using Stream stream = Open(path);
        int[] dims = ReadHeader(stream, path, ImagesMagic, "images");
        int count = Math.Min(dims[0], limit ?? int.MaxValue);
        byte[] pixels = new byte[(long)count * dims[1] * dims[2]];
        ReadExactly(stream, pixels, path, $"{count} images of {dims[1]}x{dims[2]}");
        return (pixels, count, dims[1], dims[2]);
    }

    /// <summary>Reads the labels of a label file, at most <paramref name="limit"/> of them.</summary>
    public static byte[] ReadLabels(string path, int? limit = null)
    {
        using Stream stream = Open(path);
        int[] dims = ReadHeader(stream, path, LabelsMagic, "labels");
        byte[] labels = new byte[Math.Min(dims[0], limit ?? int.MaxValue)];
        ReadExactly(stream, labels, path, $"{labels.Length} labels");
        return labels;
    }

    private static Stream Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetException($"{path}: IDX file not found");
        }
        var file = new BufferedStream(File.OpenRead(path), 1 << 16);
        // Gzip files start with 1f 8b; IDX files start with two zero bytes, so the two never clash.
        int first = file.ReadByte();
        int second = file.ReadByte();
        file.Position = 0;
        return first == 0x1f && second == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static int[] ReadHeader(Stream stream, string path, int expectedMagic, string what)
    {
        byte[] word = new byte[4];
        ReadExactly(stream, word, path, "the 4-byte magic number");
        int magic = ReadBigEndian(word);
        if (magic != expectedMagic)
        {
            throw new DatasetException(
                $"{path}: bad magic number 0x{magic:x8}; expected 0x{expectedMagic:x8} (unsigned-byte IDX {what})");
        }
        int[] dims = new int[magic & 0xff];
        for (int i = 0; i < dims.Length; i++)
        {
            ReadExactly(stream, word, path, $"dimension {i} of the header");
            dims[i] = ReadBigEndian(word);
            if (dims[i] < 0 || (i > 0 && dims[i] == 0))
            {
                throw new DatasetException($"{path}: dimension {i} is {dims[i]}");
            }
        }
        return dims;
    }

    private static int ReadBigEndian(byte[] word) => (word[0] << 24) | (word[1] << 16) | (word[2] << 8) | word[3];

    private static void ReadExactly(Stream stream, byte[] buffer, string path, string what)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int read = stream.Read(buffer, total, buffer.Length - total);
                if (read == 0)
                {
                    break;
                }
                total += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: corrupt gzip data while reading {what}: {e.Message}", e);
        }
        if (total < buffer.Length)
        {
            throw new DatasetException($"{path}: file is truncated: expected {what} ({buffer.Length} bytes) but only {total} remain");
        }
    }
}
