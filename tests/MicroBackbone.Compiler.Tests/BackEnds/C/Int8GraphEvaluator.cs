using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// Test oracle: the int8 reference interpreter (the spec's kernels, unfused, independent of the C back end's
/// lowering). Float edges are skipped: the int8 tensor after the input Quantize is fed, the one before the output
/// Dequantize is returned.
/// </summary>
internal static class Int8GraphEvaluator
{
    public static sbyte[] Run(IrGraph graph, sbyte[] input) => new Int8Interpreter(graph).Run(input);
}
