using MicroBackbone.Ir;

namespace MicroBackbone.Ir.Tests.Stateful;

/// <summary>Tiny SVDF graphs with hand-picked integers (scales of 1, so every multiplier is exactly 1).</summary>
internal static class SvdfGraphs
{
    /// <summary>
    /// int8 x [1, 2] (zero point 1) → SVDF with feature weights [[1, 2], [3, -1]], time weights [[5, 7], [2, -3]],
    /// memory 2, the given rank and bias, state int16 [1, 4] → int8 output (zero point 4).
    /// </summary>
    public static IrGraph Int8(int rank, int[]? bias, float stateScale = 1f)
    {
        var b = new IrGraphBuilder("svdf_tiny");
        var x = b.Input("x", [1, 2], IrDataType.Int8, QuantParams.PerTensor(1f, 1));
        var wf = b.ConstantInt8("wf", [2, 2], [1, 2, 3, -1], QuantParams.PerTensor(1f, 0));
        var wt = b.ConstantInt16("wt", [2, 2], [5, 7, 2, -3], QuantParams.PerTensor(1f / stateScale, 0));
        int? bi = bias is null ? null : b.ConstantInt32("b", [bias.Length], bias, QuantParams.PerTensor(1f, 0));
        var y = b.Svdf(x, wf, wt, bi, new SvdfAttributes(rank, FusedActivation.Relu), QuantParams.PerTensor(stateScale, 0), "svdf", QuantParams.PerTensor(1f, 4));
        return b.Output(y).Build();
    }

    /// <summary>The same structure in float32 (weights as above, bias [10, -5]).</summary>
    public static IrGraph Float(FusedActivation activation)
    {
        var b = new IrGraphBuilder("svdf_float");
        var x = b.Input("x", [1, 2]);
        var wf = b.ConstantFloat("wf", [2, 2], [1, 2, 3, -1]);
        var wt = b.ConstantFloat("wt", [2, 2], [5, 7, 2, -3]);
        var bi = b.ConstantFloat("b", [2], [10, -5]);
        var y = b.Svdf(x, wf, wt, bi, new SvdfAttributes(1, activation), opName: "svdf");
        return b.Output(y).Build();
    }
}
