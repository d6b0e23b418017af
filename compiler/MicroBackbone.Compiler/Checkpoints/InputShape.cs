namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>The shape of one input image a model expects, without the batch dimension: (C, H, W).</summary>
/// <param name="Channels">Number of channels, e.g. 3 for RGB.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Width">Width in pixels.</param>
public readonly record struct InputShape(int Channels, int Height, int Width)
{
    /// <summary>The shape as a batched NCHW tensor shape.</summary>
    public long[] WithBatch(long batch) => [batch, Channels, Height, Width];

    /// <summary>Formats as <c>CxHxW</c>, e.g. <c>3x32x32</c>.</summary>
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
