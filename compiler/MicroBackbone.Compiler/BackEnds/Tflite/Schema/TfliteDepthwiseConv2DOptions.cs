namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of DEPTHWISE_CONV_2D (schema table <c>DepthwiseConv2DOptions</c>).</summary>
/// <param name="Padding">SAME or VALID.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="DepthMultiplier">Output channels per input channel (newer runtimes infer it from shapes).</param>
/// <param name="Activation">Fused activation.</param>
/// <param name="DilationW">Horizontal dilation (schema default 1).</param>
/// <param name="DilationH">Vertical dilation (schema default 1).</param>
public sealed record TfliteDepthwiseConv2DOptions(
    TflitePadding Padding,
    int StrideW,
    int StrideH,
    int DepthMultiplier,
    TfliteActivation Activation = TfliteActivation.None,
    int DilationW = 1,
    int DilationH = 1) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.DepthwiseConv2DOptions;
}
