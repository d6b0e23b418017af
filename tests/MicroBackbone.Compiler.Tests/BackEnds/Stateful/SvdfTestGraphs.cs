using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Stateful;

/// <summary>Small int8 graphs with SVDF layers (int16 state), seeded, for the state persistence tests.</summary>
internal static class SvdfTestGraphs
{
    /// <summary>
    /// input int8 [batch, 12] → SVDF (8 filters, rank 2, memory 5, bias) → SVDF (6 filters, rank 1, memory 3, no bias)
    /// → int8 [batch, 6].
    /// </summary>
    public static IrGraph TwoLayers(int batch = 1)
    {
        var rng = new Random(17);
        var b = new IrGraphBuilder("svdf_two_layers");
        var x = b.Input("x", [batch, 12], IrDataType.Int8, QuantParams.PerTensor(0.05f, -3));
        var h = Layer(b, rng, "svdf1", x, 0.05f, filters: 8, rank: 2, memory: 5, withBias: true, QuantParams.PerTensor(0.04f, 6));
        var y = Layer(b, rng, "svdf2", h, 0.04f, filters: 6, rank: 1, memory: 3, withBias: false, QuantParams.PerTensor(0.03f, -10));
        return b.Output(y).Build();
    }

    /// <summary>One SVDF layer with seeded weights: feature scale 0.01, time scale 0.001, state scale 0.002.</summary>
    public static int Layer(IrGraphBuilder b, Random rng, string name, int x, float inputScale, int filters, int rank, int memory, bool withBias, QuantParams output)
    {
        var inputSize = b.Tensor(x).Shape[1];
        const float featureScale = 0.01f, timeScale = 0.001f, stateScale = 0.002f;
        var feature = b.ConstantInt8($"{name}_wf", [filters, inputSize],
            Enumerable.Range(0, filters * inputSize).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray(), QuantParams.PerTensor(featureScale, 0));
        var time = b.ConstantInt16($"{name}_wt", [filters, memory],
            Enumerable.Range(0, filters * memory).Select(_ => (short)rng.Next(-3000, 3001)).ToArray(), QuantParams.PerTensor(timeScale, 0));
        int? bias = withBias
            ? b.ConstantInt32($"{name}_b", [filters / rank], Enumerable.Range(0, filters / rank).Select(_ => rng.Next(-20000, 20001)).ToArray(),
                QuantParams.PerTensor(stateScale * timeScale, 0))
            : null;
        return b.Svdf(x, feature, time, bias, new SvdfAttributes(rank, FusedActivation.Relu), QuantParams.PerTensor(stateScale, 0), name, output);
    }

    /// <summary><paramref name="count"/> seeded int8 inputs for <paramref name="graph"/>.</summary>
    public static sbyte[][] Inputs(IrGraph graph, int count, int seed = 5)
    {
        var rng = new Random(seed);
        var length = (int)graph.Tensor(graph.Inputs[0]).ElementCount;
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray()).ToArray();
    }
}
