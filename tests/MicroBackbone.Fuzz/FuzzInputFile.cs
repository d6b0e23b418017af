namespace MicroBackbone.Fuzz;

/// <summary>
/// The file each input is written to before the reader opens it: every reader of mbc takes a path, and the CLI
/// picks the reader by the extension. One file per process, rewritten per input; the folder is removed on exit.
/// </summary>
internal sealed class FuzzInputFile : IDisposable
{
    private readonly string folder;
    private readonly string path;
    private readonly MemoryStream buffer = new();

    public FuzzInputFile(string extension)
    {
        folder = Path.Combine(Path.GetTempPath(), $"mbc-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        path = Path.Combine(folder, "input" + extension);
    }

    /// <summary>Replaces the file's content with all of <paramref name="input"/> and returns its path.</summary>
    public string Write(Stream input)
    {
        buffer.SetLength(0);
        input.CopyTo(buffer);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is harmless.
        }
    }
}
