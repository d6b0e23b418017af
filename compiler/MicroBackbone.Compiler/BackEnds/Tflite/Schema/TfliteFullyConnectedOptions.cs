namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Options of FULLY_CONNECTED (schema table <c>FullyConnectedOptions</c>). Only the DEFAULT weights format is
/// supported; a file with shuffled weights is rejected by the reader.
/// </summary>
/// <param name="Activation">Fused activation.</param>
/// <param name="KeepNumDims">Keep the input rank in the output instead of flattening to 2-D.</param>
/// <param name="AsymmetricQuantizeInputs">Hybrid (weights-only) kernels quantize inputs asymmetrically.</param>
/// <param name="QuantizedBiasType">Bias/accumulator type for quantized kernels; FLOAT32 (0) means unset.</param>
public sealed record TfliteFullyConnectedOptions(
    TfliteActivation Activation = TfliteActivation.None,
    bool KeepNumDims = false,
    bool AsymmetricQuantizeInputs = false,
    TfliteTensorType QuantizedBiasType = TfliteTensorType.Float32) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.FullyConnectedOptions;
}
