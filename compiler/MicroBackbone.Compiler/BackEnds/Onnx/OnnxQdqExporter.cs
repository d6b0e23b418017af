using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// Writes an int8 IR graph (after <c>Int8Quantizer</c>) as an ONNX model in QDQ form, opset 17, which ONNX Runtime
/// fuses into its integer kernels (QLinearConv, QGemm, QLinearAdd, QLinearMul, QLinearGlobalAveragePool): float NCHW
/// input → QuantizeLinear → per operator DequantizeLinear, the float operator, QuantizeLinear → DequantizeLinear → float
/// logits. Weights are int8 initializers with per-channel DequantizeLinear (axis 0 of OIHW / [out, in]), biases
/// int32 at scale s_in × s_w[c] with zero point 0, and each requantized output carries its IR scale and zero point.
/// Activations are stored as uint8 <c>q + 128</c> with zero point <c>zp + 128</c> — the same real values — because
/// ONNX Runtime fuses int8-activation convolutions only on Arm (see <see cref="OnnxQdqValues"/>). Shift is Pad with
/// the zero point, Slice and Concat on the stored values (exact); HardSigmoid is the 1x1 depthwise convolution that
/// defines it (docs/INT8.md). ONNX Runtime rounds its requantizations in float, not with TFLite's fixed-point
/// multipliers, so its outputs can differ from the int8 reference interpreter by a step; README reports the
/// measured difference. The same graph always gives the same bytes.
/// </summary>
public static class OnnxQdqExporter
{
    /// <summary>
    /// Serializes <paramref name="int8Graph"/> to ONNX <c>ModelProto</c> bytes. Throws
    /// <see cref="IrValidationException"/> for a malformed graph and <see cref="OnnxExportException"/> (naming the
    /// operator or tensor and target <c>onnx</c>) for a graph that is not int8 with float edges, or an operator QDQ
    /// cannot express.
    /// </summary>
    /// <param name="int8Graph">A quantized IR graph: float32 inputs and outputs, int8 activations in between.</param>
    public static byte[] Export(IrGraph int8Graph)
    {
        GraphValidator.Validate(int8Graph);
        CheckInt8(int8Graph);
        var values = new OnnxQdqValues(new OnnxGraphEmitter(int8Graph));
        for (var i = 0; i < int8Graph.Operators.Count; i++)
        {
            OnnxQdqOperatorLowering.Lower(values, i);
        }

        return OnnxExporter.Serialize(values.Emitter);
    }

    /// <summary>
    /// Exports <paramref name="int8Graph"/> to <paramref name="path"/> atomically (a temporary file beside it, then a
    /// rename), so a failed export never leaves a half-written model.
    /// </summary>
    /// <param name="int8Graph">A quantized IR graph.</param>
    /// <param name="path">Destination <c>.onnx</c> file; replaced when it exists.</param>
    public static void Export(IrGraph int8Graph, string path) => AtomicFile.WriteAllBytes(path, Export(int8Graph));

    private static void CheckInt8(IrGraph graph)
    {
        foreach (var id in graph.Inputs.Concat(graph.Outputs))
        {
            var tensor = graph.Tensor(id);
            if (tensor.DataType != IrDataType.Float32)
            {
                throw new OnnxExportException(
                    $"graph '{graph.Name}': edge {tensor.Describe()} cannot be exported to target 'onnx' (QDQ): the QDQ model takes float input and gives float output, through the graph's Quantize and Dequantize");
            }
        }

        if (!graph.Operators.Any(op => op.Kind == IrOpKind.Quantize))
        {
            throw new OnnxExportException($"graph '{graph.Name}' cannot be exported to target 'onnx' (QDQ): it is a float graph; quantize it first, or export it as float ONNX");
        }
    }
}
