using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.IO;

/// <summary>
/// Prepares a folder that outputs go into (<c>--output-dir</c>, or the folder of an output file): created when
/// missing; an empty path, a path that names a file or a device, or a folder that cannot be created or written is
/// a <see cref="MicroBackboneException"/> naming it, never a raw I/O exception.
/// </summary>
public static class OutputFolder
{
    /// <summary>
    /// Creates <paramref name="folder"/> if needed; with <paramref name="probeWritable"/> also checks up front that
    /// it can hold new files (so a read-only folder fails before any work, not at the first write).
    /// </summary>
    public static void Ensure(string folder, bool probeWritable = true)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (folder.Length == 0)
        {
            throw new MicroBackboneException("the output folder path is empty; expected a folder name such as outputs/model");
        }
        FileKind kind = PathProbe.KindOf(folder);
        if (kind is not (FileKind.Missing or FileKind.Directory))
        {
            throw new MicroBackboneException($"{folder}: is {PathProbe.Describe(kind)}; expected an output folder");
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new MicroBackboneException($"{folder}: cannot create the output folder ({e.Message})", e);
        }
        if (probeWritable && !OperatingSystem.IsWindows() && !IsWritable(folder))
        {
            throw new MicroBackboneException($"{folder}: the output folder is not writable");
        }
    }

    /// <summary>Whether new files can be created in <paramref name="folder"/> (creating and deleting a probe file).</summary>
    private static bool IsWritable(string folder)
    {
        string probe = Path.Combine(folder, $".mbc-write-probe-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
