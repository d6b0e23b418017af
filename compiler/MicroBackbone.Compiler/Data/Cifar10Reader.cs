namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Reads CIFAR-10 binary batches: each record is one label byte followed by 3072 pixel bytes, a 32x32 image stored
/// channel by channel (all red, then green, then blue), which is already the CHW layout we keep.
/// </summary>
public static class Cifar10Reader
{
    /// <summary>Side of a CIFAR-10 image.</summary>
    public const int Side = 32;

    /// <summary>Bytes of one record: the label and the 3x32x32 pixels.</summary>
    public const int RecordSize = 1 + (3 * Side * Side);

    /// <summary>Reads <paramref name="files"/> in order into one dataset, at most <paramref name="limit"/> images.</summary>
    public static ImageDataset Read(IReadOnlyList<string> files, int? limit = null)
    {
        const int imageSize = RecordSize - 1;
        var pixels = new List<byte[]>();
        var labels = new List<int>();
        int wanted = limit ?? int.MaxValue;
        foreach (string path in files)
        {
            if (labels.Count >= wanted)
            {
                break;
            }
            if (!File.Exists(path))
            {
                throw new DatasetException($"{path}: CIFAR-10 batch file not found");
            }
            byte[] bytes = File.ReadAllBytes(path);
            if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
            {
                throw new DatasetException(
                    $"{path}: {bytes.Length} bytes is not a whole number of CIFAR-10 records ({RecordSize} bytes each); the file is truncated or not a binary batch");
            }
            int records = Math.Min(bytes.Length / RecordSize, wanted - labels.Count);
            byte[] chunk = new byte[records * imageSize];
            for (int r = 0; r < records; r++)
            {
                labels.Add(bytes[r * RecordSize]);
                Buffer.BlockCopy(bytes, (r * RecordSize) + 1, chunk, r * imageSize, imageSize);
            }
            pixels.Add(chunk);
        }
        byte[] all = new byte[(long)labels.Count * imageSize];
        long offset = 0;
        foreach (byte[] chunk in pixels)
        {
            chunk.CopyTo(all, offset);
            offset += chunk.Length;
        }
        return new ImageDataset(all, labels.ToArray(), 3, Side, Side);
    }
}
