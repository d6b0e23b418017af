using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Onnx;

/// <summary>Small float graphs with seeded random weights that together use every IR operator ONNX export supports.</summary>
internal static class OnnxTestGraphs
{
    public static float[] Random(int count, int seed, float scale = 0.5f)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((rng.NextDouble() * 2) - 1) * scale).ToArray();
    }

    /// <summary>Conv (stride, dilation, asymmetric padding, fused relu6), depthwise x2 multiplier, conv in 3 groups, pointwise conv.</summary>
    public static IrGraph ConvolutionBlock()
    {
        var b = new IrGraphBuilder("conv_block");
        var x = b.Input("image", new[] { 1, 9, 7, 3 });
        var w1 = b.ConstantFloat("stem.weight", new[] { 6, 3, 3, 3 }, Random(162, 1));
        var b1 = b.ConstantFloat("stem.bias", new[] { 6 }, Random(6, 2));
        var c1 = b.Conv2D(x, w1, b1, new Conv2DAttributes(2, 1, new Padding2D(1, 0, 2, 1), 1, 2, FusedActivation.Relu6), "stem");
        var wd = b.ConstantFloat("dw.weight", new[] { 1, 3, 3, 12 }, Random(108, 3));
        var bd = b.ConstantFloat("dw.bias", new[] { 12 }, Random(12, 4));
        var d = b.DepthwiseConv2D(c1, wd, bd, new DepthwiseConv2DAttributes(1, 2, Padding2D.Uniform(1), 2, Activation: FusedActivation.Relu), "dw");
        var wg = b.ConstantFloat("grouped.weight", new[] { 6, 3, 3, 4 }, Random(216, 9));
        var g = b.Conv2D(d, wg, null, new Conv2DAttributes(Padding: Padding2D.Uniform(1), Groups: 3), "grouped");
        var wp = b.ConstantFloat("pw.weight", new[] { 5, 1, 1, 6 }, Random(30, 5));
        var p = b.Conv2D(g, wp, null, new Conv2DAttributes(), "pw");
        return b.Output(p).Build();
    }

    /// <summary>Squeeze-excite style: GAP, 1x1 convs, HardSigmoid gate, broadcast Mul, HardSwish, Add of an NHWC constant, Sigmoid.</summary>
    public static IrGraph SqueezeExcite()
    {
        var b = new IrGraphBuilder("se_block");
        var x = b.Input("features", new[] { 1, 5, 4, 8 });
        var g = b.Unary(IrOpKind.GlobalAveragePool, x, "se.pool");
        var w1 = b.ConstantFloat("se.reduce.w", new[] { 4, 1, 1, 8 }, Random(32, 6));
        var r = b.Conv2D(g, w1, b.ConstantFloat("se.reduce.b", new[] { 4 }, Random(4, 7)), new Conv2DAttributes(Activation: FusedActivation.Relu), "se.reduce");
        var w2 = b.ConstantFloat("se.expand.w", new[] { 8, 1, 1, 4 }, Random(32, 8, 2f));
        var e = b.Conv2D(r, w2, null, new Conv2DAttributes(), "se.expand");
        var gate = b.Unary(IrOpKind.HardSigmoid, e, "se.gate");
        var scaled = b.Mul(x, gate, opName: "se.scale");
        var hs = b.Unary(IrOpKind.HardSwish, scaled, "hswish");
        var shift = b.ConstantFloat("spatial.bias", new[] { 1, 5, 4, 8 }, Random(160, 9));
        var added = b.Add(hs, shift, FusedActivation.Relu6, "add_bias");
        var channel = b.ConstantFloat("channel.scale", new[] { 1, 1, 1, 8 }, Random(8, 10, 3f));
        var mul = b.Mul(added, channel, opName: "scale");
        var s = b.Unary(IrOpKind.Sigmoid, mul, "sigmoid");
        return b.Output(s).Build();
    }

    /// <summary>Shift with mixed and repeated offsets (one beyond the height), Pad, pools with padding, Relu, Relu6.</summary>
    public static IrGraph ShiftAndPool()
    {
        var b = new IrGraphBuilder("shift_pool");
        var x = b.Input("x", new[] { 1, 4, 5, 7 });
        var offsets = new[]
        {
            new ShiftOffset(0, 0), new ShiftOffset(1, 0), new ShiftOffset(1, 0), new ShiftOffset(-1, 2),
            new ShiftOffset(0, -1), new ShiftOffset(1, 0), new ShiftOffset(5, -1),
        };
        var sh = b.Shift(x, offsets, "shift");
        var relu = b.Unary(IrOpKind.Relu, sh, "relu");
        var pad = b.Op(IrOpKind.Pad, new[] { relu }, new PadAttributes(new Padding2D(1, 2, 0, 1)), "pad");
        var avg = b.Op(IrOpKind.AveragePool2D, new[] { pad }, new Pool2DAttributes(3, 2, 2, 1, new Padding2D(1, 1, 2, 0)), "avg");
        var neg = b.Mul(avg, b.ConstantFloat("minus", new[] { 1, 1, 1, 1 }, new[] { -1f }), opName: "negate");
        var max = b.Op(IrOpKind.MaxPool2D, new[] { neg }, new Pool2DAttributes(2, 3, 1, 2, new Padding2D(1, 2, 1, 1), FusedActivation.Relu), "max");
        var r6 = b.Unary(IrOpKind.Relu6, max, "relu6");
        return b.Output(r6).Output(avg).Build();
    }

    /// <summary>
    /// Classifier head and layout-sensitive ops: rank-4 to rank-4 Reshape, FC straight from a rank-4 tensor, Reshape to
    /// rank 2, Softmax with beta on rank 2 and over channels on rank 4; two inputs and three outputs.
    /// </summary>
    public static IrGraph Head()
    {
        var b = new IrGraphBuilder("head");
        var x = b.Input("x", new[] { 1, 4, 3, 2 });
        var y = b.Input("aux", new[] { 1, 6 });
        var re = b.Reshape(x, new[] { 1, 2, 6, 2 }, "regroup");
        var sm4 = b.Op(IrOpKind.Softmax, new[] { re }, new SoftmaxAttributes(), "channel_softmax");
        var fc1 = b.FullyConnected(re, b.ConstantFloat("fc1.w", new[] { 6, 24 }, Random(144, 11)), b.ConstantFloat("fc1.b", new[] { 6 }, Random(6, 12)), FusedActivation.Relu, "fc1");
        var sum = b.Add(fc1, y, opName: "mix");
        var flat = b.Reshape(x, new[] { 1, -1 }, "flatten");
        var fc2 = b.FullyConnected(flat, b.ConstantFloat("fc2.w", new[] { 6, 24 }, Random(144, 13)), null, opName: "fc2");
        var logits = b.Add(sum, fc2, opName: "logits");
        var probs = b.Op(IrOpKind.Softmax, new[] { logits }, new SoftmaxAttributes(0.5f), "softmax");
        return b.Output(probs).Output(sm4).Output(flat).ClassNames("a", "b", "c", "d", "e", "f").Metadata("arch", "test-head").Build();
    }
}
