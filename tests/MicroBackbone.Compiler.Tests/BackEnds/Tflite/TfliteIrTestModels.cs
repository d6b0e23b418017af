using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>Small seeded IR graphs for the TFLite exporter/importer tests (int8 ones reuse the C back end's).</summary>
internal static class TfliteIrTestModels
{
    private static QuantParams Q(float scale, int zeroPoint) => QuantParams.PerTensor(scale, zeroPoint);

    /// <summary>
    /// float edges, stride-2 conv (SAME), hard-swish, asymmetric pad, max pool, 1x1 conv, dilated conv, SE
    /// (mean, hard-sigmoid, broadcast mul), sigmoid, relu6, avg pool (SAME), requantize, reshape, fc, softmax.
    /// </summary>
    public static IrGraph Wide()
    {
        var rng = new Random(99);
        var b = new IrGraphBuilder("wide_net");
        var xf = b.Input("pixels", new[] { 1, 9, 9, 4 });
        var x = b.Unary(IrOpKind.Quantize, xf, "quant", Q(0.03f, 7), IrDataType.Int8);
        var c1 = b.Conv2D(x, Weights(b, rng, "c1.w", new[] { 12, 3, 3, 4 }, 0), Bias(b, rng, "c1.b", 12),
            new Conv2DAttributes(2, 2, Padding2D.Same(9, 9, 3, 3, 2, 2)), "c1", Q(0.05f, 0));
        var hs = b.Unary(IrOpKind.HardSwish, c1, "c1.hswish", Q(0.04f, -40));
        var pad = b.Op(IrOpKind.Pad, new[] { hs }, new PadAttributes(new Padding2D(1, 0, 1, 2)), "pad");
        var mp = b.Op(IrOpKind.MaxPool2D, new[] { pad }, new Pool2DAttributes(2, 2, 1, 1), "maxpool");
        var pw = b.Conv2D(mp, Weights(b, rng, "pw.w", new[] { 16, 1, 1, 12 }, 0), Bias(b, rng, "pw.b", 16),
            new Conv2DAttributes(Activation: FusedActivation.Relu), "pw", Q(0.05f, -128));
        var dil = b.Conv2D(pw, Weights(b, rng, "dil.w", new[] { 8, 3, 3, 16 }, 0), null,
            new Conv2DAttributes(Padding: Padding2D.Uniform(2), DilationH: 2, DilationW: 2), "dilated", Q(0.08f, 5));
        var se = b.Unary(IrOpKind.GlobalAveragePool, dil, "se.pool", Q(0.06f, 2));
        var gate = b.Unary(IrOpKind.HardSigmoid, se, "se.gate", Q(1f / 256, -128));
        var scaled = b.Mul(dil, gate, opName: "se.scale", outputQuant: Q(0.07f, 1));
        var sg = b.Unary(IrOpKind.Sigmoid, scaled, "sigmoid", Q(1f / 256, -128));
        var r6 = b.Unary(IrOpKind.Relu6, sg, "relu6", Q(0.03f, -100));
        var ap = b.Op(IrOpKind.AveragePool2D, new[] { r6 }, new Pool2DAttributes(3, 3, 2, 2, Padding2D.Same(6, 6, 3, 3, 2, 2)), "avgpool", Q(0.03f, -100));
        var rq = b.Unary(IrOpKind.Quantize, ap, "requant", Q(0.02f, -60), IrDataType.Int8);
        var flat = b.Reshape(rq, new[] { 1, -1 }, "flatten");
        var inN = (int)b.Tensor(flat).ElementCount;
        var fc = b.FullyConnected(flat, Weights(b, rng, "fc.w", new[] { 5, inN }, 0), Bias(b, rng, "fc.b", 5), opName: "fc", outputQuant: Q(0.2f, 0));
        var sm = b.Op(IrOpKind.Softmax, new[] { fc }, new SoftmaxAttributes(), "softmax", Q(1f / 256, -128));
        var y = b.Unary(IrOpKind.Dequantize, sm, "dequant");
        return b.Output(y).Build();
    }

    /// <summary>Convolutions whose padding is neither SAME nor VALID (stride 2, symmetric 1 on an even input) and a 2-cell shift.</summary>
    public static IrGraph ExplicitPadding()
    {
        var rng = new Random(3);
        var b = new IrGraphBuilder("explicit_pad");
        var x = b.Input("x", new[] { 1, 8, 8, 3 }, IrDataType.Int8, Q(0.02f, -3));
        var c = b.Conv2D(x, Weights(b, rng, "c.w", new[] { 6, 3, 3, 3 }, 0), Bias(b, rng, "c.b", 6),
            new Conv2DAttributes(2, 2, Padding2D.Uniform(1), Activation: FusedActivation.Relu), "conv", Q(0.05f, -128));
        var d = b.DepthwiseConv2D(c, Weights(b, rng, "d.w", new[] { 1, 3, 3, 6 }, 3), Bias(b, rng, "d.b", 6),
            new DepthwiseConv2DAttributes(Padding: new Padding2D(0, 2, 2, 0)), "dw", Q(0.04f, 1));
        var s = b.Shift(d, Enumerable.Range(0, 6).Select(i => new ShiftOffset(i % 2 == 0 ? -2 : 1, i - 3)), "shift2");
        var m = b.Mul(s, d, FusedActivation.Relu6, "mul", Q(0.01f, -128));
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

    private static int Weights(IrGraphBuilder b, Random rng, string name, int[] shape, int axis)
    {
        var count = shape.Aggregate(1, (p, d) => p * d);
        var values = Enumerable.Range(0, count).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var channels = shape[axis];
        var scales = Enumerable.Range(0, channels).Select(c => 0.004f + (0.002f * c)).ToArray();
        return b.ConstantInt8(name, shape, values, QuantParams.PerChannel(scales, new int[channels], axis));
    }

    private static int Bias(IrGraphBuilder b, Random rng, string name, int channels) =>
        b.ConstantInt32(name, new[] { channels }, Enumerable.Range(0, channels).Select(_ => rng.Next(-3000, 3000)).ToArray());

    /// <summary>The int8 graphs of the round-trip tests, with the input size of each.</summary>
    public static IEnumerable<IrGraph> Int8Graphs() => new[] { CTestModels.Tiny(), CTestModels.Backbone(), Wide(), ExplicitPadding() };
}
