using System.IO.Compression;

namespace MicroBackbone.Compiler.Tests.Data;

/// <summary>Writes IDX files in the real on-disk format for the reader tests.</summary>
internal static class IdxFiles
{
    public static byte[] Images(int count, int rows, int cols, Func<int, int, byte> pixel)
    {
        var bytes = new List<byte>();
        bytes.AddRange(BigEndian(0x00000803));
        bytes.AddRange(BigEndian(count));
        bytes.AddRange(BigEndian(rows));
        bytes.AddRange(BigEndian(cols));
        for (int i = 0; i < count; i++)
        {
            for (int p = 0; p < rows * cols; p++)
            {
                bytes.Add(pixel(i, p));
            }
        }
        return bytes.ToArray();
    }

    public static byte[] Labels(params byte[] labels)
    {
        var bytes = new List<byte>();
        bytes.AddRange(BigEndian(0x00000801));
        bytes.AddRange(BigEndian(labels.Length));
        bytes.AddRange(labels);
        return bytes.ToArray();
    }

    public static void Write(string path, byte[] content, bool gzip)
    {
        if (!gzip)
        {
            File.WriteAllBytes(path, content);
            return;
        }
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(content);
    }

    private static byte[] BigEndian(int value) =>
        new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
}
