using MicroBackbone.Ir;

namespace MicroBackbone.Ir.Tests.Planning.Patching;

/// <summary>Small int8 networks whose early layers form a patchable chain, with seeded random weights.</summary>
internal static class PatchTestModels
{
    public static QuantParams Q(float scale, int zeroPoint) => QuantParams.PerTensor(scale, zeroPoint);

    /// <summary>
    /// A random chain of row-local operators (convolutions of several kernels, strides, dilations and paddings,
    /// depthwise, Pad, pools, a separate activation) on a small image, then global pool and a classifier.
    /// </summary>
    public static IrGraph RandomChain(int seed)
    {
        var rng = new Random(seed);
        var b = new IrGraphBuilder($"chain{seed}");
        int h = rng.Next(11, 21), w = rng.Next(5, 10), c = rng.Next(1, 4);
        var t = b.Input("img", new[] { 1, h, w, c }, IrDataType.Int8, Q(0.02f, rng.Next(-20, 20)));
        var layers = rng.Next(4, 8);
        for (var i = 0; i < layers; i++)
        {
            var shape = b.Tensor(t).Shape;
            h = shape[1];
            w = shape[2];
            c = shape[3];
            var outQ = Q(0.03f + (0.01f * rng.Next(4)), rng.Next(-128, 10));
            var act = rng.Next(3) == 0 ? FusedActivation.None : FusedActivation.Relu;
            var small = h < 4 || w < 4;
            switch (rng.Next(small ? 3 : 8))
            {
                case 0:
                    {
                        var o = rng.Next(2, 7);
                        t = b.Conv2D(t, Weights(b, rng, $"pw{i}.w", new[] { o, 1, 1, c }, 0), Bias(b, rng, $"pw{i}.b", o), new Conv2DAttributes(Activation: act), $"pw{i}", outQ);
                        break;
                    }

                case 1:
                    t = b.DepthwiseConv2D(t, Weights(b, rng, $"dw{i}.w", new[] { 1, 3, 3, c }, 3), Bias(b, rng, $"dw{i}.b", c),
                        new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), Activation: act), $"dw{i}", outQ);
                    break;
                case 2:
                    t = b.Unary(rng.Next(2) == 0 ? IrOpKind.Relu : IrOpKind.HardSwish, t, $"act{i}", outQ);
                    break;
                case 3:
                    {
                        var o = rng.Next(2, 7);
                        t = b.Conv2D(t, Weights(b, rng, $"c{i}.w", new[] { o, 3, 3, c }, 0), Bias(b, rng, $"c{i}.b", o),
                            new Conv2DAttributes(2, 2, Padding2D.Same(h, w, 3, 3, 2, 2), Activation: act), $"c{i}", outQ);
                        break;
                    }

                case 4:
                    t = b.DepthwiseConv2D(t, Weights(b, rng, $"dd{i}.w", new[] { 1, 3, 3, c }, 3), Bias(b, rng, $"dd{i}.b", c),
                        new DepthwiseConv2DAttributes(2, 1, new Padding2D(2, 1, 1, 1), DilationH: 2, Activation: act), $"dd{i}", outQ);
                    break;
                case 5:
                    t = b.Op(IrOpKind.Pad, new[] { t }, new PadAttributes(new Padding2D(1, 0, 2, 1)), $"pad{i}", b.Tensor(t).Quant);
                    break;
                case 6:
                    t = b.Op(IrOpKind.MaxPool2D, new[] { t }, new Pool2DAttributes(2, 2, 2, 2), $"max{i}", b.Tensor(t).Quant);
                    break;
                default:
                    t = b.Op(IrOpKind.AveragePool2D, new[] { t }, new Pool2DAttributes(3, 3, 1, 1, Padding2D.Uniform(1)), $"avg{i}", b.Tensor(t).Quant);
                    break;
            }
        }

        return Head(b, t, rng);
    }

    /// <summary>
    /// MobileNetV1 with width 0.25 on a 96x96x1 image, the person-detection network's shapes: a stride-2 3x3 stem to
    /// 8 channels, 13 depthwise-separable blocks (stride 2 at blocks 2, 4, 6, 12), 7x7 average pool... here a global
    /// pool, then a 2-way classifier. Weights are seeded random.
    /// </summary>
    public static IrGraph MobileNetV1Quarter(int size = 96, int inputChannels = 1)
    {
        var rng = new Random(96);
        var b = new IrGraphBuilder("mobilenet_v1_025");
        var t = b.Input("img", new[] { 1, size, size, inputChannels }, IrDataType.Int8, Q(0.0078f, -1));
        t = b.Conv2D(t, Weights(b, rng, "stem.w", new[] { 8, 3, 3, inputChannels }, 0), Bias(b, rng, "stem.b", 8),
            new Conv2DAttributes(2, 2, Padding2D.Same(size, size, 3, 3, 2, 2), Activation: FusedActivation.Relu6), "stem", Q(0.023f, -128));
        var blocks = new (int Out, int Stride)[] { (16, 1), (32, 2), (32, 1), (64, 2), (64, 1), (128, 2), (128, 1), (128, 1), (128, 1), (128, 1), (128, 1), (256, 2), (256, 1) };
        for (var i = 0; i < blocks.Length; i++)
        {
            var shape = b.Tensor(t).Shape;
            var (o, s) = blocks[i];
            t = b.DepthwiseConv2D(t, Weights(b, rng, $"b{i}.dw.w", new[] { 1, 3, 3, shape[3] }, 3), Bias(b, rng, $"b{i}.dw.b", shape[3]),
                new DepthwiseConv2DAttributes(s, s, Padding2D.Same(shape[1], shape[2], 3, 3, s, s), Activation: FusedActivation.Relu6), $"b{i}.dw", Q(0.023f, -128));
            t = b.Conv2D(t, Weights(b, rng, $"b{i}.pw.w", new[] { o, 1, 1, shape[3] }, 0), Bias(b, rng, $"b{i}.pw.b", o),
                new Conv2DAttributes(Activation: FusedActivation.Relu6), $"b{i}.pw", Q(0.023f, -128));
        }

        return Head(b, t, rng);
    }

    public static sbyte[] RandomInput(long size, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, (int)size).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
    }

    private static IrGraph Head(IrGraphBuilder b, int t, Random rng)
    {
        var c = b.Tensor(t).Shape[3];
        var gap = b.Unary(IrOpKind.GlobalAveragePool, t, "gap", Q(0.03f, -100));
        var flat = b.Reshape(gap, new[] { 1, c }, "flatten");
        var fc = b.FullyConnected(flat, Weights(b, rng, "fc.w", new[] { 3, c }, 0), Bias(b, rng, "fc.b", 3), opName: "fc", outputQuant: Q(0.1f, 0));
        return b.Output(fc).Build();
    }

    private static int Weights(IrGraphBuilder b, Random rng, string name, int[] shape, int axis)
    {
        var count = shape.Aggregate(1, (p, d) => p * d);
        var values = Enumerable.Range(0, count).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var channels = shape[axis];
        var scales = Enumerable.Range(0, channels).Select(ch => 0.004f + (0.002f * (ch % 5))).ToArray();
        return b.ConstantInt8(name, shape, values, QuantParams.PerChannel(scales, new int[channels], axis));
    }

    private static int Bias(IrGraphBuilder b, Random rng, string name, int channels) =>
        b.ConstantInt32(name, new[] { channels }, Enumerable.Range(0, channels).Select(_ => rng.Next(-3000, 3000)).ToArray());
}
