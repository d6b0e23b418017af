using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>Small fixed int8 graphs for the C back end tests (seeded, so every run builds the same bytes).</summary>
internal static class CTestModels
{
    public static QuantParams Q(float scale, int zeroPoint) => QuantParams.PerTensor(scale, zeroPoint);

    /// <summary>conv 3x3 -> relu -> depthwise 3x3 -> shift -> add (residual) -> global average pool -> reshape -> fully connected.</summary>
    public static IrGraph Tiny(string name = "tiny_net", string convName = "stem.conv", string[]? classNames = null)
    {
        var rng = new Random(1234);
        var b = new IrGraphBuilder(name);
        var x = b.Input("image", new[] { 1, 6, 6, 3 }, IrDataType.Int8, Q(0.02f, -5));
        var conv = b.Conv2D(x, Weights(b, rng, "stem.w", new[] { 8, 3, 3, 3 }, 0), Bias(b, rng, "stem.b", 8),
            new Conv2DAttributes(Padding: Padding2D.Uniform(1)), convName, Q(0.05f, 3));
        var relu = b.Unary(IrOpKind.Relu, conv, "stem.relu");
        var dw = b.DepthwiseConv2D(relu, Weights(b, rng, "dw.w", new[] { 1, 3, 3, 8 }, 3), Bias(b, rng, "dw.b", 8),
            new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), Activation: FusedActivation.Relu6), "block.dw", Q(0.04f, -128));
        var offsets = Enumerable.Range(0, 8).Select(c => new ShiftOffset((c % 3) - 1, ((c / 3) % 3) - 1));
        var shift = b.Shift(dw, offsets, "block.shift");
        var add = b.Add(shift, relu, opName: "block.add", outputQuant: Q(0.06f, -10));
        var gap = b.Unary(IrOpKind.GlobalAveragePool, add, "head.pool", Q(0.03f, -20));
        var flat = b.Reshape(gap, new[] { 1, 8 }, "head.flatten");
        var fc = b.FullyConnected(flat, Weights(b, rng, "fc.w", new[] { 4, 8 }, 0), Bias(b, rng, "fc.b", 4), opName: "head.fc", outputQuant: Q(0.1f, 2));
        return b.Output(fc).ClassNames(classNames ?? new[] { "stop", "yield", "speed_50", "no_entry" }).Metadata("arch", "test-tiny").Build();
    }

    /// <summary>
    /// Every other kernel: float edges (Quantize/Dequantize), stride-2 conv, pad, max/avg pool, 1x1 conv, hard-swish,
    /// SE (GAP -> hard-sigmoid -> broadcast Mul), sigmoid, standalone relu6, int8 requantize, softmax.
    /// <paramref name="averagePoolPadding"/> replaces the average pool's symmetric padding of 1 (TFLite pools need SAME).
    /// </summary>
    public static IrGraph Wide(Padding2D? averagePoolPadding = null)
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
        var ap = b.Op(IrOpKind.AveragePool2D, new[] { r6 }, new Pool2DAttributes(3, 3, 2, 2, averagePoolPadding ?? Padding2D.Uniform(1)), "avgpool", Q(0.03f, -100));
        var rq = b.Unary(IrOpKind.Quantize, ap, "requant", Q(0.02f, -60), IrDataType.Int8);
        var flat = b.Reshape(rq, new[] { 1, -1 }, "flatten");
        var inN = (int)b.Tensor(flat).ElementCount;
        var fc = b.FullyConnected(flat, Weights(b, rng, "fc.w", new[] { 5, inN }, 0), Bias(b, rng, "fc.b", 5), opName: "fc", outputQuant: Q(0.2f, 0));
        var sm = b.Op(IrOpKind.Softmax, new[] { fc }, new SoftmaxAttributes(), "softmax", Q(1f / 256, -128));
        var y = b.Unary(IrOpKind.Dequantize, sm, "dequant");
        return b.Output(y).Build();
    }

    /// <summary>
    /// A MicroSign-Edge-like backbone at 32x32x3 (1.26 M MACs): stride-2 stem, depthwise + pointwise, shift +
    /// pointwise residual, stride-2 3x3 conv, pointwise, global average pool, classifier.
    /// </summary>
    public static IrGraph Backbone()
    {
        var rng = new Random(5);
        var b = new IrGraphBuilder("backbone");
        var x = b.Input("img", new[] { 1, 32, 32, 3 }, IrDataType.Int8, Q(0.02f, 0));
        var relu = FusedActivation.Relu;
        var c = b.Conv2D(x, Weights(b, rng, "stem.w", new[] { 16, 3, 3, 3 }, 0), Bias(b, rng, "stem.b", 16),
            new Conv2DAttributes(2, 2, Padding2D.Same(32, 32, 3, 3, 2, 2), Activation: relu), "stem", Q(0.05f, -128));
        var d = b.DepthwiseConv2D(c, Weights(b, rng, "dw1.w", new[] { 1, 3, 3, 16 }, 3), Bias(b, rng, "dw1.b", 16),
            new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), Activation: relu), "dw1", Q(0.05f, -128));
        var p1 = b.Conv2D(d, Weights(b, rng, "pw1.w", new[] { 32, 1, 1, 16 }, 0), Bias(b, rng, "pw1.b", 32),
            new Conv2DAttributes(Activation: relu), "pw1", Q(0.05f, -128));
        var sh = b.Shift(p1, Enumerable.Range(0, 32).Select(i => new ShiftOffset((i % 3) - 1, ((i / 3) % 3) - 1)), "shift");
        var p2 = b.Conv2D(sh, Weights(b, rng, "pw2.w", new[] { 32, 1, 1, 32 }, 0), Bias(b, rng, "pw2.b", 32), new Conv2DAttributes(), "pw2", Q(0.05f, 0));
        var add = b.Add(p2, p1, opName: "add", outputQuant: Q(0.06f, 0));
        var c3 = b.Conv2D(add, Weights(b, rng, "c3.w", new[] { 32, 3, 3, 32 }, 0), Bias(b, rng, "c3.b", 32),
            new Conv2DAttributes(2, 2, Padding2D.Same(16, 16, 3, 3, 2, 2), Activation: relu), "c3", Q(0.05f, -128));
        var p3 = b.Conv2D(c3, Weights(b, rng, "pw3.w", new[] { 64, 1, 1, 32 }, 0), Bias(b, rng, "pw3.b", 64),
            new Conv2DAttributes(Activation: relu), "pw3", Q(0.05f, -128));
        var gap = b.Unary(IrOpKind.GlobalAveragePool, p3, "gap", Q(0.05f, -128));
        var flat = b.Reshape(gap, new[] { 1, 64 }, "flatten");
        var fc = b.FullyConnected(flat, Weights(b, rng, "fc.w", new[] { 10, 64 }, 0), Bias(b, rng, "fc.b", 10), opName: "fc", outputQuant: Q(0.1f, 0));
        return b.Output(fc).Build();
    }

    /// <summary>
    /// Depthwise convolutions of every shape the kernels tell apart: 3x3 at stride 1 (in place), 5x5, dilated, stride 2
    /// with padding on the bottom and right only, and a one-pixel-wide image where every column is a border column.
    /// </summary>
    public static IrGraph DepthwiseShapes()
    {
        var rng = new Random(9);
        var b = new IrGraphBuilder("depthwise_shapes");
        var x = b.Input("img", new[] { 1, 7, 5, 6 }, IrDataType.Int8, Q(0.03f, 3));
        var d1 = b.DepthwiseConv2D(x, Weights(b, rng, "d1.w", new[] { 1, 3, 3, 6 }, 3), Bias(b, rng, "d1.b", 6),
            new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), Activation: FusedActivation.Relu), "d1", Q(0.04f, -128));
        var d2 = b.DepthwiseConv2D(d1, Weights(b, rng, "d2.w", new[] { 1, 5, 5, 6 }, 3), Bias(b, rng, "d2.b", 6),
            new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(2)), "d2", Q(0.05f, 10));
        var d3 = b.DepthwiseConv2D(d2, Weights(b, rng, "d3.w", new[] { 1, 3, 3, 6 }, 3), Bias(b, rng, "d3.b", 6),
            new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(2), DilationH: 2, DilationW: 2), "d3", Q(0.05f, -7));
        var d4 = b.DepthwiseConv2D(d3, Weights(b, rng, "d4.w", new[] { 1, 3, 3, 6 }, 3), Bias(b, rng, "d4.b", 6),
            new DepthwiseConv2DAttributes(2, 2, new Padding2D(0, 0, 1, 1), Activation: FusedActivation.Relu6), "d4", Q(0.02f, -128));
        var column = b.Reshape(d4, new[] { 1, 6, 1, 6 }, "column");
        var d5 = b.DepthwiseConv2D(column, Weights(b, rng, "d5.w", new[] { 1, 3, 3, 6 }, 3), Bias(b, rng, "d5.b", 6),
            new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1)), "d5", Q(0.06f, 1));
        var flat = b.Reshape(d5, new[] { 1, 36 }, "flatten");
        var fc = b.FullyConnected(flat, Weights(b, rng, "fc.w", new[] { 5, 36 }, 0), Bias(b, rng, "fc.b", 5), opName: "fc", outputQuant: Q(0.1f, 0));
        return b.Output(fc).Build();
    }

    /// <summary>
    /// Convolutions of one input channel (Xtensa runs them as planes of the depthwise ring kernel): 3x3 at stride 2
    /// without activation into one channel, then 3x3 at stride 1 with a ReLU into five; then 1x1 layers over an odd
    /// number of pixels into an odd number of channels, the last one with a multiplier above one half (shift >= 0, so
    /// the general requantization).
    /// </summary>
    public static IrGraph OneChannelConvolutions()
    {
        var rng = new Random(17);
        var b = new IrGraphBuilder("one_channel");
        var x = b.Input("img", new[] { 1, 9, 9, 1 }, IrDataType.Int8, Q(0.03f, -55));
        var s1 = b.Conv2D(x, Weights(b, rng, "s1.w", new[] { 1, 3, 3, 1 }, 0), Bias(b, rng, "s1.b", 1),
            new Conv2DAttributes(2, 2, Padding2D.Same(9, 9, 3, 3, 2, 2)), "s1", Q(0.02f, 4));
        var s2 = b.Conv2D(s1, Weights(b, rng, "s2.w", new[] { 5, 3, 3, 1 }, 0), Bias(b, rng, "s2.b", 5),
            new Conv2DAttributes(Padding: Padding2D.Uniform(1), Activation: FusedActivation.Relu), "s2", Q(0.01f, -128));
        var p1 = b.Conv2D(s2, Weights(b, rng, "p1.w", new[] { 3, 1, 1, 5 }, 0), Bias(b, rng, "p1.b", 3), new Conv2DAttributes(), "p1", Q(0.02f, 2));
        var p2 = b.Conv2D(p1, Weights(b, rng, "p2.w", new[] { 3, 1, 1, 3 }, 0), Bias(b, rng, "p2.b", 3), new Conv2DAttributes(), "p2", Q(0.00002f, -3));
        return b.Output(p2).Build();
    }

    /// <summary>Per-channel symmetric int8 weights on <paramref name="axis"/> with scales around 0.01.</summary>
    public static int Weights(IrGraphBuilder b, Random rng, string name, int[] shape, int axis)
    {
        var count = shape.Aggregate(1, (p, d) => p * d);
        var values = Enumerable.Range(0, count).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var channels = shape[axis];
        var scales = Enumerable.Range(0, channels).Select(c => 0.004f + (0.002f * c)).ToArray();
        return b.ConstantInt8(name, shape, values, QuantParams.PerChannel(scales, new int[channels], axis));
    }

    public static int Bias(IrGraphBuilder b, Random rng, string name, int channels) =>
        b.ConstantInt32(name, new[] { channels }, Enumerable.Range(0, channels).Select(_ => rng.Next(-3000, 3000)).ToArray());

    /// <summary>Seeded random int8 input bytes.</summary>
    public static sbyte[] RandomInput(long size, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, (int)size).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
    }
}
