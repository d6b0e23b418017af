namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of STRIDED_SLICE (schema table <c>StridedSliceOptions</c>); masks are bit sets over axes.</summary>
/// <param name="BeginMask">Axes whose begin is ignored (start at the first element).</param>
/// <param name="EndMask">Axes whose end is ignored (run to the last element).</param>
/// <param name="EllipsisMask">Axis standing for an ellipsis.</param>
/// <param name="NewAxisMask">Axes inserted with size 1.</param>
/// <param name="ShrinkAxisMask">Axes removed from the output.</param>
/// <param name="Offset">The end input is an offset from begin.</param>
public sealed record TfliteStridedSliceOptions(
    int BeginMask = 0,
    int EndMask = 0,
    int EllipsisMask = 0,
    int NewAxisMask = 0,
    int ShrinkAxisMask = 0,
    bool Offset = false) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.StridedSliceOptions;
}
