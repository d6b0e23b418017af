using System.Text;

namespace MicroBackbone.Compiler.IO;

/// <summary>
/// Writes files all-or-nothing: the content goes to a temporary file in the destination folder, which is flushed
/// and then renamed over the destination. If the writer throws, the temporary file is deleted and the destination
/// is left exactly as it was (absent, or its previous content), so readers never see a half-written file.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Creates or replaces <paramref name="path"/> with what <paramref name="write"/> puts into the stream it is
    /// given. Missing parent folders are created. Exceptions from <paramref name="write"/> propagate unchanged.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);

        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' names a root folder, not a file", nameof(path));
        Directory.CreateDirectory(folder);

        // Same folder as the destination so the final rename never crosses file systems (and stays atomic).
        string tempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    /// <summary>Creates or replaces <paramref name="path"/> with <paramref name="bytes"/>.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy, 0, copy.Length));
    }

    /// <summary>Creates or replaces <paramref name="path"/> with <paramref name="text"/> as UTF-8 without a BOM.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
    }

    private static void TryDelete(string tempPath)
    {
        try
        {
            File.Delete(tempPath);
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temp file; the caller sees that one.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
