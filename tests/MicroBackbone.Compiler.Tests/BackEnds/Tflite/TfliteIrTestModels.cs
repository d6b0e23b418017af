using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>Small seeded IR graphs for the TFLite exporter/importer tests (int8 ones reuse the C back end's).</summary>
internal static class TfliteIrTestModels
{
    /// <summary>
    /// The C back end's wide graph (float edges, stride-2 conv, hard-swish, pad, pools, 1x1 and dilated convs, SE,
    /// sigmoid, relu6, requantize, reshape, fc, softmax) with a SAME-padded average pool, as TFLite pools require.
    /// </summary>
    public static IrGraph Wide() => CTestModels.Wide(Padding2D.Same(6, 6, 3, 3, 2, 2));

    /// <summary>Convolutions whose padding is neither SAME nor VALID (stride 2, symmetric 1 on an even input) and a 2-cell shift.</summary>
    public static IrGraph ExplicitPadding()
    {
        var rng = new Random(3);
        var b = new IrGraphBuilder("explicit_pad");
        var x = b.Input("x", new[] { 1, 8, 8, 3 }, IrDataType.Int8, CTestModels.Q(0.02f, -3));
        var c = b.Conv2D(x, CTestModels.Weights(b, rng, "c.w", new[] { 6, 3, 3, 3 }, 0), CTestModels.Bias(b, rng, "c.b", 6),
            new Conv2DAttributes(2, 2, Padding2D.Uniform(1), Activation: FusedActivation.Relu), "conv", CTestModels.Q(0.05f, -128));
        var d = b.DepthwiseConv2D(c, CTestModels.Weights(b, rng, "d.w", new[] { 1, 3, 3, 6 }, 3), CTestModels.Bias(b, rng, "d.b", 6),
            new DepthwiseConv2DAttributes(Padding: new Padding2D(0, 2, 2, 0)), "dw", CTestModels.Q(0.04f, 1));
        var s = b.Shift(d, Enumerable.Range(0, 6).Select(i => new ShiftOffset(i % 2 == 0 ? -2 : 1, i - 3)), "shift2");
        var m = b.Mul(s, d, FusedActivation.Relu6, "mul", CTestModels.Q(0.01f, -128));
        return b.Output(m).Build();
    }

    /// <summary>A float graph: conv (SAME), depthwise, shift, add, relu, pad, max/avg pool, mean, reshape, fc, softmax.</summary>
    public static IrGraph Float(bool withHardSigmoid = false)
    {
        var rng = new Random(11);
        var b = new IrGraphBuilder("float_net");
        var x = b.Input("x", new[] { 1, 7, 7, 3 });
        var c = b.Conv2D(x, FloatConst(b, rng, "c.w", 8, 3, 3, 3), FloatConst(b, rng, "c.b", 8),
            new Conv2DAttributes(2, 2, Padding2D.Same(7, 7, 3, 3, 2, 2), Activation: FusedActivation.Relu6), "conv");
        var d = b.DepthwiseConv2D(c, FloatConst(b, rng, "d.w", 1, 3, 3, 8), null, new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1)), "dw");
        var s = b.Shift(d, Enumerable.Range(0, 8).Select(i => new ShiftOffset((i % 3) - 1, ((i / 3) % 3) - 1)), "shift");
        var a = b.Add(s, c, FusedActivation.None, "add");
        var r = b.Unary(withHardSigmoid ? IrOpKind.HardSigmoid : IrOpKind.Relu, a, "act");
        var p = b.Op(IrOpKind.Pad, new[] { r }, new PadAttributes(new Padding2D(0, 1, 1, 0)), "pad");
        var mp = b.Op(IrOpKind.MaxPool2D, new[] { p }, new Pool2DAttributes(2, 2, 1, 1), "maxpool");
        var ap = b.Op(IrOpKind.AveragePool2D, new[] { mp }, new Pool2DAttributes(3, 3, 1, 1, Padding2D.Same(4, 4, 3, 3, 1, 1)), "avgpool");
        var g = b.Unary(IrOpKind.GlobalAveragePool, ap, "gap");
        var f = b.Reshape(g, new[] { 1, 8 }, "flatten");
        var fc = b.FullyConnected(f, FloatConst(b, rng, "fc.w", 4, 8), FloatConst(b, rng, "fc.b", 4), opName: "fc");
        var sm = b.Op(IrOpKind.Softmax, new[] { fc }, new SoftmaxAttributes(), "softmax");
        return b.Output(sm).Build();
    }

    public static float[] RandomFloats(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)((rng.NextDouble() * 4) - 2)).ToArray();
    }

    private static int FloatConst(IrGraphBuilder b, Random rng, string name, params int[] shape) =>
        b.ConstantFloat(name, shape, RandomFloats(shape.Aggregate(1, (p, d) => p * d), rng.Next()));

    /// <summary>The int8 graphs of the round-trip tests, with the input size of each.</summary>
    public static IEnumerable<IrGraph> Int8Graphs() => new[] { CTestModels.Tiny(), CTestModels.Backbone(), Wide(), ExplicitPadding() };
}
