namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>An NHWC activation shape; rank-2 <c>[N, F]</c> tensors are <c>[N, 1, 1, F]</c>.</summary>
internal readonly record struct Shape4(int Batch, int Height, int Width, int Channels)
{
    /// <summary>Product of the dimensions.</summary>
    public int ElementCount => Batch * Height * Width * Channels;
}
