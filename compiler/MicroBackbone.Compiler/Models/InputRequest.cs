namespace MicroBackbone.Compiler.Models;

/// <summary>
/// An input shape the user asked for on the command line (<c>--input-size</c>, <c>--input-channels</c>); null parts
/// were not asked for. A model read from a checkpoint is rebuilt for it where its weights allow, else refused.
/// </summary>
/// <param name="Size">Height and width in pixels.</param>
/// <param name="Channels">Input channels.</param>
public sealed record InputRequest(int? Size, int? Channels)
{
    /// <summary>The request, or null when nothing was asked for.</summary>
    public static InputRequest? Of(int? size, int? channels) => size is null && channels is null ? null : new InputRequest(size, channels);
}
