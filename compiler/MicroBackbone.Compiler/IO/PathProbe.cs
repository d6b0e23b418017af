using System.Runtime.InteropServices;

namespace MicroBackbone.Compiler.IO;

/// <summary>
/// Asks the file system what a path is without opening it (opening a FIFO blocks, reading a device never ends), and
/// where it really points. On Unix this is <c>stat</c>/<c>lstat</c> through the .NET runtime's own native shim and
/// <c>realpath</c> from libc; elsewhere only files and folders are told apart.
/// </summary>
public static partial class PathProbe
{
    // The runtime's FileStatus starts with two int32 fields, Flags then Mode, on every platform; the buffer is
    // larger than the whole struct so a future field never writes past it.
    private const int FileStatusBytes = 256;
    private const int TypeMask = 0xF000;

    /// <summary>What <paramref name="path"/> is; with <paramref name="followLinks"/> a link reports its target.</summary>
    public static FileKind KindOf(string path, bool followLinks = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return FileKind.Missing;
        }
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.RegularFile : FileKind.Missing;
        }
        Span<byte> status = stackalloc byte[FileStatusBytes];
        int result = followLinks ? Stat(path, ref MemoryMarshal.GetReference(status)) : LStat(path, ref MemoryMarshal.GetReference(status));
        if (result != 0)
        {
            return FileKind.Missing;
        }
        int mode = MemoryMarshal.Read<int>(status[4..]);
        return (mode & TypeMask) switch
        {
            0x8000 => FileKind.RegularFile,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    /// <summary>How a <see cref="FileKind"/> reads in an error message ("a folder", "a named pipe (FIFO)").</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.RegularFile => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    /// <summary>
    /// The absolute path with every symbolic link resolved, so two spellings of one file compare equal. A path that
    /// does not exist yet is its resolved folder plus its own name.
    /// </summary>
    public static string Canonical(string path)
    {
        string full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return full;
        }
        if (RealPath(full) is { } resolved)
        {
            return resolved;
        }
        string? folder = Path.GetDirectoryName(full);
        return folder == null ? full : Path.Combine(Canonical(folder), Path.GetFileName(full));
    }

    private static string? RealPath(string path)
    {
        IntPtr resolved = NativeRealPath(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            NativeFree(resolved);
        }
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte status);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, ref byte status);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr NativeRealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void NativeFree(IntPtr pointer);
}
