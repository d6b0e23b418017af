namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of TRANSPOSE_CONV (schema table <c>TransposeConvOptions</c>).</summary>
/// <param name="Padding">SAME or VALID.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="Activation">Fused activation (schema default NONE).</param>
/// <param name="QuantizedBiasType">Bias/accumulator type for quantized kernels; FLOAT32 (0) means unset.</param>
public sealed record TfliteTransposeConvOptions(
    TflitePadding Padding,
    int StrideW,
    int StrideH,
    TfliteActivation Activation = TfliteActivation.None,
    TfliteTensorType QuantizedBiasType = TfliteTensorType.Float32) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.TransposeConvOptions;
}
