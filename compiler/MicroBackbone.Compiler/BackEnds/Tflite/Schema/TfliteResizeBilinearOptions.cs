namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of RESIZE_BILINEAR (schema table <c>ResizeBilinearOptions</c>).</summary>
/// <param name="AlignCorners">Corner pixels of input and output are aligned.</param>
/// <param name="HalfPixelCenters">Pixel centres sit at half-integer coordinates.</param>
public sealed record TfliteResizeBilinearOptions(bool AlignCorners = false, bool HalfPixelCenters = false) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.ResizeBilinearOptions;
}
