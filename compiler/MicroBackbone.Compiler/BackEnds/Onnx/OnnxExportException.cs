using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// An IR graph the ONNX back end cannot express (a quantized tensor, Quantize/Dequantize, pooling padding ONNX
/// rejects). The message names the graph, the operator or tensor, and the target <c>onnx</c>.
/// </summary>
public sealed class OnnxExportException : MicroBackboneException
{
    /// <summary>Creates the error with a complete message.</summary>
    public OnnxExportException(string message)
        : base(message)
    {
    }

    /// <summary>Error about operator <paramref name="index"/> of <paramref name="graph"/>.</summary>
    internal static OnnxExportException ForOperator(IrGraph graph, int index, IrOperator op, string what) =>
        new($"graph '{graph.Name}': operator #{index} {op.Kind} '{op.Name}' cannot be exported to target 'onnx': {what}");
}
