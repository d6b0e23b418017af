using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.IO;

/// <summary>
/// Every reader's first step: the path must name a regular file (a folder, FIFO, device or socket is refused before
/// anything opens it, so <c>/dev/zero</c> is never read to the end and a FIFO never blocks), within a size limit,
/// readable; then it is recorded as an input of the running command (see <see cref="CommandInputs"/>). Failures
/// are <see cref="MicroBackboneException"/>s naming the path and what was expected.
/// </summary>
public static class InputFile
{
    /// <summary>The largest input read whole into memory (models, raw inputs, configs): 1 GiB.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    /// <summary>Checks <paramref name="path"/> names a readable regular file; <paramref name="what"/> says what it should be ("model file").</summary>
    public static void Require(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            throw new MicroBackboneException($"the {what} path is empty");
        }
        FileKind kind = PathProbe.KindOf(path);
        if (kind == FileKind.Missing)
        {
            throw new MicroBackboneException($"{path}: {what} not found");
        }
        if (kind != FileKind.RegularFile)
        {
            throw new MicroBackboneException($"{path}: is {PathProbe.Describe(kind)}, not a regular file; the {what} must be one");
        }
        CommandInputs.Record(path);
    }

    /// <summary>Opens <paramref name="path"/> for reading after <see cref="Require"/>.</summary>
    public static FileStream OpenRead(string path, string what, long maxBytes = DefaultMaxBytes)
    {
        Require(path, what);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > maxBytes)
            {
                stream.Dispose();
                throw new MicroBackboneException($"{path}: {what} has {stream.Length:N0} bytes; at most {maxBytes:N0} are accepted");
            }
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MicroBackboneException($"{path}: cannot read the {what} ({e.Message})", e);
        }
    }

    /// <summary>Reads all of <paramref name="path"/> after <see cref="Require"/> and the size check.</summary>
    public static byte[] ReadAllBytes(string path, string what, long maxBytes = DefaultMaxBytes)
    {
        using FileStream stream = OpenRead(path, what, maxBytes);
        try
        {
            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MicroBackboneException($"{path}: cannot read the {what} ({e.Message})", e);
        }
    }

    /// <summary>Reads <paramref name="path"/> as UTF-8 text after <see cref="Require"/> and the size check.</summary>
    public static string ReadAllText(string path, string what, long maxBytes = 64L << 20)
    {
        byte[] bytes = ReadAllBytes(path, what, maxBytes);
        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
