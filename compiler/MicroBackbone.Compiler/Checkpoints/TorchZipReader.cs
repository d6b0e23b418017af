using System.Collections;
using System.IO.Compression;
using TorchSharp.PyBridge;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// Reads a <c>torch.save</c> zip checkpoint into its unpickled top-level dict (values: tensors, nested
/// <see cref="Hashtable"/>s, <see cref="ArrayList"/>s, strings, ints, longs, doubles, bools). The file is checked
/// first (exists, zip signature, readable central directory, a <c>data.pkl</c> entry) so that each kind of bad input
/// gets its own <see cref="CheckpointException"/>; unpickling itself is PyBridge's <c>PyTorchUnpickler</c>, whose
/// failures are wrapped the same way.
/// </summary>
internal static class TorchZipReader
{
    private const string Expected =
        "expected a PyTorch checkpoint written by torch.save (a zip archive with <name>/data.pkl and tensor data under <name>/data/)";

    /// <summary>Reads <paramref name="path"/>; every failure is a <see cref="CheckpointException"/> naming it.</summary>
    public static Hashtable Read(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new CheckpointException($"{path}: checkpoint file not found");
        }
        try
        {
            IO.InputFile.Require(path, "checkpoint file");
        }
        catch (Ir.MicroBackboneException e) when (e is not CheckpointException)
        {
            throw new CheckpointException(e.Message, e);
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            CheckSignature(stream, path);
            CheckArchive(stream, path);
            stream.Seek(0, SeekOrigin.Begin);
            return PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true)
                ?? throw new CheckpointException($"{path}: data.pkl holds None (as torch.save(None) writes), not a dict; {Expected}");
        }
        catch (CheckpointException)
        {
            throw;
        }
        catch (IOException e)
        {
            throw new CheckpointException($"{path}: cannot read the file ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CheckpointException($"{path}: cannot read the file ({e.Message})", e);
        }
        catch (OutOfMemoryException e)
        {
            // A length field (a string, bytes, a storage) claiming ~2 GB: the allocation fails before reading.
            throw new CheckpointException(
                $"{path}: a length in data.pkl or a storage claims more memory than can be allocated (a corrupt file); {Expected}", e);
        }
        catch (Exception e)
        {
            // PyBridge and Razorvine report damaged or unsupported content with assorted exception types (invalid
            // casts, missing archive entries, unknown storage types, CRC errors); to the user they all mean the same.
            throw new CheckpointException(
                $"{path}: the checkpoint content could not be read ({e.GetType().Name}: {FirstLine(e.Message)}); {Expected}",
                e);
        }
    }

    /// <summary>libtorch appends its native stack trace to messages; the user needs only the first line.</summary>
    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return (end < 0 ? message : message[..end]).TrimEnd('.', ' ');
    }

    private static void CheckSignature(FileStream stream, string path)
    {
        Span<byte> head = stackalloc byte[4];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04)
        {
            return;
        }
        if (read == 0)
        {
            throw new CheckpointException($"{path}: the file is empty; {Expected}");
        }
        if (head[0] == 0x80)
        {
            // A raw pickle: torch.save before PyTorch 1.6, or with _use_new_zipfile_serialization=False.
            throw new CheckpointException(
                $"{path}: legacy (pre-1.6) PyTorch format, not a zip archive; re-save it in Python with torch.save(obj, path)");
        }
        throw new CheckpointException($"{path}: not a zip archive; {Expected}");
    }

    private static void CheckArchive(FileStream stream, string path)
    {
        stream.Seek(0, SeekOrigin.Begin);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new CheckpointException(
                $"{path}: truncated or corrupt zip archive ({e.Message.TrimEnd('.')}); {Expected}", e);
        }
        using (zip)
        {
            bool hasPickle = zip.Entries.Any(entry =>
                entry.FullName == "data.pkl" || entry.FullName.EndsWith("/data.pkl", StringComparison.Ordinal));
            if (!hasPickle)
            {
                throw new CheckpointException($"{path}: the zip archive has no data.pkl entry; {Expected}");
            }
        }
    }
}
