using MicroBackbone.Ir;

namespace MicroBackbone.Ir.Tests.Quantization;

/// <summary>Small float graphs with seeded random weights, shaped like MicroSign-Edge pieces.</summary>
internal static class QuantizationGraphs
{
    /// <summary>conv+relu → shift → depthwise+relu → SE (gap, 1x1, relu, 1x1, hard-sigmoid, mul) → 1x1 → add → gap → fc.</summary>
    public static IrGraph EdgeLike(int seed)
    {
        var random = new Random(seed);
        float[] Weights(int n, double scale) => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
        var b = new IrGraphBuilder("edge_like");
        int x = b.Input("input", [1, 8, 8, 3]);
        int w1 = b.ConstantFloat("stem.weight", [8, 3, 3, 3], Weights(8 * 27, 0.4));
        int b1 = b.ConstantFloat("stem.bias", [8], Weights(8, 0.1));
        int stem = b.Unary(IrOpKind.Relu, b.Conv2D(x, w1, b1, new Conv2DAttributes(Padding: new Padding2D(1, 1, 1, 1)), "stem"), "stem.relu");
        int shifted = b.Shift(stem, Enumerable.Range(0, 8).Select(c => new ShiftOffset(c % 3 - 1, c / 3 % 3 - 1)), "shift");
        int wd = b.ConstantFloat("dw.weight", [1, 3, 3, 8], Weights(72, 0.5));
        int bd = b.ConstantFloat("dw.bias", [8], Weights(8, 0.1));
        int dw = b.Unary(IrOpKind.Relu, b.DepthwiseConv2D(shifted, wd, bd, new DepthwiseConv2DAttributes(Padding: new Padding2D(1, 1, 1, 1)), "dw"), "dw.relu");
        int pooled = b.Unary(IrOpKind.GlobalAveragePool, dw, "se.pool");
        int r = b.Unary(IrOpKind.Relu, b.Conv2D(pooled, b.ConstantFloat("se.reduce.weight", [4, 1, 1, 8], Weights(32, 0.5)),
            b.ConstantFloat("se.reduce.bias", [4], Weights(4, 0.1)), new Conv2DAttributes(), "se.reduce"), "se.reduce.relu");
        int gate = b.Unary(IrOpKind.HardSigmoid, b.Conv2D(r, b.ConstantFloat("se.expand.weight", [8, 1, 1, 4], Weights(32, 0.5)),
            b.ConstantFloat("se.expand.bias", [8], Weights(8, 0.1)), new Conv2DAttributes(), "se.expand"), "se.gate");
        int scaled = b.Mul(dw, gate, FusedActivation.None, "se.scale");
        int projected = b.Conv2D(scaled, b.ConstantFloat("project.weight", [8, 1, 1, 8], Weights(64, 0.4)),
            b.ConstantFloat("project.bias", [8], Weights(8, 0.1)), new Conv2DAttributes(), "project");
        int sum = b.Add(projected, stem, FusedActivation.None, "add");
        int flat = b.Reshape(b.Unary(IrOpKind.GlobalAveragePool, sum, "pool"), [1, 8], "flatten");
        int logits = b.FullyConnected(flat, b.ConstantFloat("fc.weight", [5, 8], Weights(40, 0.5)), b.ConstantFloat("fc.bias", [5], Weights(5, 0.1)),
            FusedActivation.None, "fc");
        return b.Output(logits).Build();
    }

    /// <summary>Seeded inputs of the graph's input size, values in [-2, 2].</summary>
    public static List<float[]> Inputs(IrGraph graph, int count, int seed)
    {
        var random = new Random(seed);
        int size = (int)graph.Tensor(graph.Inputs[0]).ElementCount;
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray()).ToList();
    }
}
