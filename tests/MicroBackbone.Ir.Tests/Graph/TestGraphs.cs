using MicroBackbone.Ir;

namespace MicroBackbone.Ir.Tests.Graph;

/// <summary>Small hand-made graphs shared by the tests.</summary>
internal static class TestGraphs
{
    public static readonly QuantParams Q = QuantParams.PerTensor(0.05f, -3);

    public static float[] Floats(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
    }

    public static sbyte[] Int8s(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
    }

    /// <summary>Float: conv3x3 → relu → depthwise stride 2 → GAP → reshape → FC → softmax.</summary>
    public static IrGraph FloatCnn()
    {
        var b = new IrGraphBuilder("float_cnn");
        var x = b.Input("image", new[] { 1, 8, 8, 3 });
        var w1 = b.ConstantFloat("conv1.w", new[] { 4, 3, 3, 3 }, Floats(108, 1));
        var b1 = b.ConstantFloat("conv1.b", new[] { 4 }, Floats(4, 2));
        var c1 = b.Conv2D(x, w1, b1, new Conv2DAttributes(Padding: Padding2D.Uniform(1)), "conv1");
        var r1 = b.Unary(IrOpKind.Relu, c1, "relu1");
        var wd = b.ConstantFloat("dw.w", new[] { 1, 3, 3, 4 }, Floats(36, 3));
        var d = b.DepthwiseConv2D(r1, wd, null, new DepthwiseConv2DAttributes(2, 2, Padding2D.Same(8, 8, 3, 3, 2, 2)), "dw");
        var g = b.Unary(IrOpKind.GlobalAveragePool, d, "gap");
        var f = b.Reshape(g, new[] { 1, -1 }, "flatten");
        var wf = b.ConstantFloat("fc.w", new[] { 2, 4 }, Floats(8, 4));
        var fc = b.FullyConnected(f, wf, null, opName: "fc");
        var s = b.Op(IrOpKind.Softmax, new[] { fc }, new SoftmaxAttributes(), "softmax");
        return b.Output(s).ClassNames("cat", "dog").Metadata("arch", "test-float").Build();
    }

    /// <summary>Int8 with per-channel weights, Shift, a residual Add, SE-like Mul, GAP, FC.</summary>
    public static IrGraph QuantCnn()
    {
        var b = new IrGraphBuilder("quant_cnn");
        var x = b.Input("image", new[] { 1, 4, 4, 2 }, IrDataType.Int8, Q);
        var w = b.ConstantInt8("pw.w", new[] { 2, 1, 1, 2 }, Int8s(4, 5), QuantParams.PerChannel(new[] { 0.01f, 0.02f }, new[] { 0, 0 }, 0));
        var bias = b.ConstantInt32("pw.b", new[] { 2 }, new[] { 100, -7 }, QuantParams.PerChannel(new[] { 0.0005f, 0.001f }, new[] { 0, 0 }, 0));
        var c = b.Conv2D(x, w, bias, new Conv2DAttributes(), "pw", Q);
        var r = b.Unary(IrOpKind.Relu6, c, "relu6");
        var sh = b.Shift(r, new[] { new ShiftOffset(1, 0), new ShiftOffset(0, -1) }, "shift");
        var add = b.Add(x, sh, opName: "residual", outputQuant: Q);
        var gap = b.Unary(IrOpKind.GlobalAveragePool, add, "se_pool", Q);
        var gate = b.Unary(IrOpKind.HardSigmoid, gap, "se_gate", QuantParams.PerTensor(1f / 256, -128));
        var scaled = b.Mul(add, gate, opName: "se_scale", outputQuant: Q);
        var pooled = b.Unary(IrOpKind.GlobalAveragePool, scaled, "gap", Q);
        var flat = b.Reshape(pooled, new[] { 1, 2 }, "flatten");
        var fw = b.ConstantInt8("fc.w", new[] { 3, 2 }, Int8s(6, 6), QuantParams.PerTensor(0.02f, 0));
        var fc = b.FullyConnected(flat, fw, null, opName: "fc", outputQuant: QuantParams.PerTensor(0.1f, 4));
        var sm = b.Op(IrOpKind.Softmax, new[] { fc }, new SoftmaxAttributes(), "softmax", QuantParams.PerTensor(1f / 256, -128));
        var y = b.Unary(IrOpKind.Dequantize, sm, "dequant");
        return b.Output(y).ClassNames("a", "b", "c").Metadata("arch", "test-quant").Metadata("input_size", "4").Build();
    }
}
