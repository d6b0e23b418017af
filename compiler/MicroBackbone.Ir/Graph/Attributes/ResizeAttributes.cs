namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.ResizeNearestNeighbor"/> and <see cref="IrOpKind.ResizeBilinear"/>.</summary>
/// <param name="Height">Output height.</param>
/// <param name="Width">Output width.</param>
/// <param name="AlignCorners">Map the corner pixels of input and output onto each other (scale (in - 1) / (out - 1)).</param>
/// <param name="HalfPixelCenters">Sample at pixel centres (offset 0.5); bilinear forbids it together with <paramref name="AlignCorners"/>.</param>
public sealed record ResizeAttributes(int Height, int Width, bool AlignCorners = false, bool HalfPixelCenters = false) : IrAttributes;
