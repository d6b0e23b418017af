using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// SUB: every fused activation, a constant on either side, NumPy broadcasting from a lower-rank constant (rank 1 and
/// rank 3 operands under a rank-4 output), odd sizes, negative zero points, scales far apart.
/// </summary>
public sealed class SubOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("sub_channel_constant_rank1_relu", TfliteWriter.Write(
            Sub([1, 5, 7, 3], Q(0.05f, -3), [3], Q(0.03f, 7), constantFirst: false, Q(0.06f, -5), TfliteActivation.Relu, seed: 1)));
        yield return ("sub_constant_first_rank3_relu6", TfliteWriter.Write(
            Sub([1, 5, 7, 3], Q(0.05f, -3), [5, 1, 1], Q(0.11f, -20), constantFirst: true, Q(0.07f, -128), TfliteActivation.Relu6, seed: 2)));
        yield return ("sub_relu_n1_to_1", TfliteWriter.Write(
            Sub([1, 3, 4, 5], Q(0.012f, 9), [1, 1, 1, 5], Q(0.01f, -1), constantFirst: false, Q(1f / 100, 4), TfliteActivation.ReluN1To1, seed: 3)));
        yield return ("sub_same_shape_scales_apart", TfliteWriter.Write(
            Sub([1, 3, 3, 5], Q(0.11f, 20), [1, 3, 3, 5], Q(0.0037f, -9), constantFirst: false, Q(0.09f, -1), TfliteActivation.None, seed: 4)));
        yield return ("sub_rank2_row_broadcast", TfliteWriter.Write(
            Sub([3, 7], Q(0.043f, -128), [1, 7], Q(0.29f, 127), constantFirst: true, Q(0.3f, 0), TfliteActivation.None, seed: 5)));
    }

    private static TfliteQuantization Q(float scale, long zeroPoint) => ConverterStyleModels.Q(scale, zeroPoint);

    private static TfliteModel Sub(int[] shape, TfliteQuantization xq, int[] constantShape, TfliteQuantization cq, bool constantFirst,
        TfliteQuantization yq, TfliteActivation activation, int seed)
    {
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, shape, xq);
        var bytes = new byte[constantShape.Aggregate(1, (p, d) => p * d)];
        new Random(seed).NextBytes(bytes);
        var c = m.Constant("c", TfliteTensorType.Int8, constantShape, m.Buffer(bytes), cq);
        var y = m.Activation("y", TfliteTensorType.Int8, shape, yq);
        m.Op(TfliteBuiltinOperator.Sub, constantFirst ? [c, x] : [x, c], y, new TfliteSubOptions(activation), 2);
        return m.Build([x], [y]);
    }
}
