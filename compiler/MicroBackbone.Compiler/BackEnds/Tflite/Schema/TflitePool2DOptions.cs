namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of AVERAGE_POOL_2D and MAX_POOL_2D (schema table <c>Pool2DOptions</c>).</summary>
/// <param name="Padding">SAME or VALID.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="FilterWidth">Window width.</param>
/// <param name="FilterHeight">Window height.</param>
/// <param name="Activation">Fused activation.</param>
public sealed record TflitePool2DOptions(
    TflitePadding Padding,
    int StrideW,
    int StrideH,
    int FilterWidth,
    int FilterHeight,
    TfliteActivation Activation = TfliteActivation.None) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.Pool2DOptions;
}
