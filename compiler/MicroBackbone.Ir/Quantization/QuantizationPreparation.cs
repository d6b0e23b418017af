using MicroBackbone.Ir.Passes;

namespace MicroBackbone.Ir.Quantization;

/// <summary>
/// The float graph calibration observes and quantization rewrites: dead tensors removed and ReLU/ReLU6 fused into
/// their producers, so each fused output's range is the post-activation range its int8 tensor needs.
/// </summary>
internal static class QuantizationPreparation
{
    public static IrGraph Run(IrGraph floatGraph)
    {
        if (floatGraph.Tensors.Any(t => t.DataType != IrDataType.Float32 && t.DataType != IrDataType.Int32))
        {
            throw new Int8.QuantizationException($"graph '{floatGraph.Name}' is already quantized; quantize the float model it came from");
        }
        return ActivationFusion.Run(DeadTensorElimination.Run(floatGraph));
    }
}
