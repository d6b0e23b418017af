namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of RESIZE_NEAREST_NEIGHBOR (schema table <c>ResizeNearestNeighborOptions</c>).</summary>
/// <param name="AlignCorners">Corner pixels of input and output are aligned.</param>
/// <param name="HalfPixelCenters">Pixel centres sit at half-integer coordinates.</param>
public sealed record TfliteResizeNearestNeighborOptions(bool AlignCorners = false, bool HalfPixelCenters = false) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.ResizeNearestNeighborOptions;
}
