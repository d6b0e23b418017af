namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of CONV_2D (schema table <c>Conv2DOptions</c>).</summary>
/// <param name="Padding">SAME or VALID.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="Activation">Fused activation.</param>
/// <param name="DilationW">Horizontal dilation (schema default 1).</param>
/// <param name="DilationH">Vertical dilation (schema default 1).</param>
/// <param name="QuantizedBiasType">Bias/accumulator type for quantized kernels; FLOAT32 (0) means unset.</param>
public sealed record TfliteConv2DOptions(
    TflitePadding Padding,
    int StrideW,
    int StrideH,
    TfliteActivation Activation = TfliteActivation.None,
    int DilationW = 1,
    int DilationH = 1,
    TfliteTensorType QuantizedBiasType = TfliteTensorType.Float32) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.Conv2DOptions;
}
