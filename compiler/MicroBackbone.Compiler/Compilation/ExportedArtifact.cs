namespace MicroBackbone.Compiler.Compilation;

/// <summary>One artifact of <c>mbc export</c>: written (with its size) or failed (with the reason).</summary>
/// <param name="File">The file name inside the output folder.</param>
/// <param name="Bytes">Its size when written; null when it failed.</param>
/// <param name="Error">Why it failed (one line); null when written.</param>
public sealed record ExportedArtifact(string File, long? Bytes, string? Error)
{
    /// <summary>True when the file was written.</summary>
    public bool Written => Error == null;
}
