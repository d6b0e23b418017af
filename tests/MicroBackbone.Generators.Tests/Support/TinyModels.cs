using MicroBackbone.Ir;

namespace MicroBackbone.Generators.Tests.Support;

/// <summary>Small deterministic int8 graphs for the generator tests (fixed seeds).</summary>
internal static class TinyModels
{
    /// <summary>Conv 3x3 (ReLU) → depthwise 3x3 (ReLU6) → Add → global average pool → reshape → fully connected.</summary>
    public static IrGraph EdgeNano()
    {
        var rng = new Random(1234);
        var b = new IrGraphBuilder("edge_nano");
        var x = b.Input("image", new[] { 1, 8, 8, 3 }, IrDataType.Int8, QuantParams.PerTensor(0.05f, -3));
        var convW = Weights(b, rng, "stem.w", new[] { 8, 3, 3, 3 }, axis: 0);
        var convB = b.ConstantInt32("stem.b", new[] { 8 }, Ints(rng, 8, 400));
        var conv = b.Conv2D(x, convW, convB, new Conv2DAttributes(Padding: Padding2D.Uniform(1), Activation: FusedActivation.Relu),
            "stem", QuantParams.PerTensor(0.04f, -10));
        var dwW = Weights(b, rng, "dw.w", new[] { 1, 3, 3, 8 }, axis: 3);
        var dwB = b.ConstantInt32("dw.b", new[] { 8 }, Ints(rng, 8, 300));
        var dw = b.DepthwiseConv2D(conv, dwW, dwB, new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), Activation: FusedActivation.Relu6),
            "block.dw", QuantParams.PerTensor(0.03f, -20));
        var sum = b.Add(conv, dw, FusedActivation.None, "block.add", QuantParams.PerTensor(0.06f, -5));
        var pooled = b.Unary(IrOpKind.GlobalAveragePool, sum, "pool", QuantParams.PerTensor(0.05f, -6));
        var flat = b.Reshape(pooled, new[] { 1, 8 }, "flatten");
        var fcW = Weights(b, rng, "head.w", new[] { 4, 8 }, axis: 0);
        var fcB = b.ConstantInt32("head.b", new[] { 4 }, Ints(rng, 4, 200));
        var logits = b.FullyConnected(flat, fcW, fcB, FusedActivation.None, "head", QuantParams.PerTensor(0.1f, 2));
        return b.Output(logits)
            .ClassNames("stop", "yield", "speed \"50\"", "other")
            .Metadata("arch", "edge-nano-test")
            .Build();
    }

    /// <summary>
    /// Every other kind the C# back end lowers: Pad, Shift, MaxPool, AveragePool (padded), standalone Relu6,
    /// HardSwish, squeeze-and-excitation (Mean, HardSigmoid, channel-gate Mul), Sigmoid, requantizing Quantize,
    /// same-shape Mul, FullyConnected with per-tensor weights, Softmax.
    /// </summary>
    public static IrGraph EveryOperator()
    {
        var rng = new Random(99);
        var b = new IrGraphBuilder("every_operator");
        var x = b.Input("x", new[] { 1, 6, 6, 4 }, IrDataType.Int8, QuantParams.PerTensor(0.04f, 5));
        var padded = b.Op(IrOpKind.Pad, new[] { x }, new PadAttributes(new Padding2D(1, 0, 0, 2)), "pad");
        var shifted = b.Shift(padded, new[] { new ShiftOffset(1, 0), new ShiftOffset(0, -1), new ShiftOffset(-2, 1), new ShiftOffset(0, 0) }, "shift");
        var maxed = b.Op(IrOpKind.MaxPool2D, new[] { shifted }, new Pool2DAttributes(2, 2, 1, 1), "maxpool");
        var avg = b.Op(IrOpKind.AveragePool2D, new[] { maxed }, new Pool2DAttributes(3, 3, 2, 2, Padding2D.Uniform(1)), "avgpool", QuantParams.PerTensor(0.04f, 5));
        var relu6 = b.Unary(IrOpKind.Relu6, avg, "relu6", QuantParams.PerTensor(0.03f, -100));
        var hswish = b.Unary(IrOpKind.HardSwish, relu6, "hswish", QuantParams.PerTensor(0.025f, -90));
        var squeeze = b.Unary(IrOpKind.GlobalAveragePool, hswish, "se.pool", QuantParams.PerTensor(0.02f, -80));
        var gate = b.Unary(IrOpKind.HardSigmoid, squeeze, "se.gate", QuantParams.PerTensor(1f / 256f, -128));
        var excited = b.Mul(hswish, gate, FusedActivation.None, "se.mul", QuantParams.PerTensor(0.02f, -70));
        var sig = b.Unary(IrOpKind.Sigmoid, excited, "sigmoid", QuantParams.PerTensor(1f / 256f, -128));
        var requant = b.Unary(IrOpKind.Quantize, sig, "requant", QuantParams.PerTensor(0.005f, -10));
        var squared = b.Mul(requant, requant, FusedActivation.Relu, "square", QuantParams.PerTensor(0.001f, -128));
        var flat = b.Reshape(squared, new[] { 1, -1 }, "flatten");
        var fcW = b.ConstantInt8("fc.w", new[] { 5, 48 }, Enumerable.Range(0, 240).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray(),
            QuantParams.PerTensor(0.01f, 0));
        var fc = b.FullyConnected(flat, fcW, null, FusedActivation.None, "fc", QuantParams.PerTensor(0.08f, 0));
        var probs = b.Op(IrOpKind.Softmax, new[] { fc }, new SoftmaxAttributes(0.7f), "softmax", QuantParams.PerTensor(1f / 256f, -128));
        return b.Output(probs).Build();
    }

    /// <summary>Deterministic int8 inputs in the full range.</summary>
    public static sbyte[] Input(int seed, int length)
    {
        var rng = new Random(seed);
        var values = new sbyte[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (sbyte)rng.Next(-128, 128);
        }

        return values;
    }

    /// <summary>Per-channel symmetric int8 weights with scales in [0.002, 0.012).</summary>
    public static int Weights(IrGraphBuilder b, Random rng, string name, int[] shape, int axis)
    {
        var count = shape.Aggregate(1, (a, d) => a * d);
        var values = new sbyte[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (sbyte)rng.Next(-127, 128);
        }

        var channels = shape[axis];
        var scales = Enumerable.Range(0, channels).Select(_ => 0.002f + ((float)rng.NextDouble() * 0.01f)).ToArray();
        return b.ConstantInt8(name, shape, values, QuantParams.PerChannel(scales, new int[channels], axis));
    }

    /// <summary>Deterministic ints in [-range, range].</summary>
    public static int[] Ints(Random rng, int count, int range) =>
        Enumerable.Range(0, count).Select(_ => rng.Next(-range, range + 1)).ToArray();
}
