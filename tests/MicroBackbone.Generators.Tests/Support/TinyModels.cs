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
