using System.Text;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.IO;

/// <summary>
/// Writes files all-or-nothing: the content goes to a temporary file in the destination folder, which is flushed
/// and then renamed over the destination. If the writer throws, the temporary file is deleted and the destination
/// is left exactly as it was (absent, or its previous content), so readers never see a half-written file.
/// Only regular files are ever replaced: a folder, device, FIFO or socket at the destination is refused; a symbolic
/// link is written through (its target is replaced, the link stays); an existing file keeps its permission bits;
/// a file the running command has read is refused (<see cref="CommandInputs"/>); temporary files are deleted on
/// SIGINT/SIGTERM (<see cref="PendingTempFiles"/>). Refusals and file-system failures are
/// <see cref="MicroBackboneException"/>s naming the path.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Creates or replaces <paramref name="path"/> with what <paramref name="write"/> puts into the stream it is
    /// given. Missing parent folders are created. Exceptions from <paramref name="write"/> propagate unchanged.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        if (path.Length == 0)
        {
            throw new MicroBackboneException("an output path is empty; expected a file name");
        }

        string destination = Destination(path);
        string folder = Path.GetDirectoryName(destination)
            ?? throw new MicroBackboneException($"{path}: names a root folder, not a file");
        OutputFolder.Ensure(folder, probeWritable: false);
        CommandInputs.RefuseOverwrite(destination, path);
        UnixFileMode? mode = ExistingMode(destination);

        // Same folder as the destination so the final rename never crosses file systems (and stays atomic).
        string tempPath = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        PendingTempFiles.Add(tempPath);
        try
        {
            FileStream stream = Fail(path, () => new FileStream(tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None));
            using (stream)
            {
                if (mode is { } keep && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, keep);
                }
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            Fail(path, () => File.Move(tempPath, destination, overwrite: true));
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
        finally
        {
            PendingTempFiles.Remove(tempPath);
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

    /// <summary>
    /// The file that will really be replaced: <paramref name="path"/> itself, or the final target of the symbolic
    /// link it names. Anything else than a regular file (or nothing) there is refused.
    /// </summary>
    private static string Destination(string path)
    {
        string destination = Fail(path, () => Path.GetFullPath(path));
        if (PathProbe.KindOf(destination, followLinks: false) == FileKind.SymbolicLink)
        {
            FileSystemInfo? target = Fail(path, () => File.ResolveLinkTarget(destination, returnFinalTarget: true));
            if (target != null)
            {
                destination = target.FullName;
            }
        }
        FileKind kind = PathProbe.KindOf(destination);
        if (kind is not (FileKind.Missing or FileKind.RegularFile))
        {
            throw new MicroBackboneException(
                $"{path}: is {PathProbe.Describe(kind)}; mbc writes outputs only to regular files (give a file path)");
        }
        return destination;
    }

    private static UnixFileMode? ExistingMode(string destination)
    {
        if (OperatingSystem.IsWindows() || PathProbe.KindOf(destination) != FileKind.RegularFile)
        {
            return null;
        }
        try
        {
            return File.GetUnixFileMode(destination);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static T Fail<T>(string path, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MicroBackboneException($"{path}: cannot write the file ({e.Message})", e);
        }
    }

    private static void Fail(string path, Action action) => Fail(path, () =>
    {
        action();
        return 0;
    });

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
