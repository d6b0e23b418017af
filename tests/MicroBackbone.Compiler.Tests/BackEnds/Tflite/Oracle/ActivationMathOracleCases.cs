using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// LEAKY_RELU (small, negative and above-one alpha, rescaling and not), PRELU (per-channel alpha of rank 3, a full
/// alpha tensor) and TANH (small, medium and large input scales, negative zero points).
/// </summary>
public sealed class ActivationMathOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("leaky_relu_alpha_0_2", TfliteWriter.Write(LeakyRelu([1, 5, 7, 3], Q(0.05f, -7), Q(0.03f, -60), 0.2f)));
        yield return ("leaky_relu_alpha_negative", TfliteWriter.Write(LeakyRelu([1, 3, 3, 7], Q(0.03f, -60), Q(0.02f, 9), -0.7f)));
        yield return ("leaky_relu_alpha_1_5", TfliteWriter.Write(LeakyRelu([1, 2, 9, 5], Q(0.02f, 9), Q(0.04f, 0), 1.5f)));
        yield return ("leaky_relu_same_scale_alpha_0_01", TfliteWriter.Write(LeakyRelu([1, 4, 4, 4], Q(0.1f, 3), Q(0.1f, 3), 0.01f)));
        yield return ("prelu_channel_alpha_rank3", TfliteWriter.Write(Prelu([1, 4, 6, 5], Q(0.04f, 10), [1, 1, 5], Q(0.02f, -4), Q(0.03f, -20), 1)));
        yield return ("prelu_full_alpha", TfliteWriter.Write(Prelu([1, 3, 5, 3], Q(0.05f, -128), [1, 3, 5, 3], Q(0.008f, 3), Q(0.05f, 0), 2)));
        yield return ("tanh_scale_0_05", TfliteWriter.Write(Tanh([1, 5, 7, 3], Q(0.05f, -7))));
        yield return ("tanh_scale_0_004_zp_minus128", TfliteWriter.Write(Tanh([1, 4, 4, 16], Q(0.004f, -128))));
        yield return ("tanh_scale_0_1_zp_40", TfliteWriter.Write(Tanh([1, 16, 16], Q(0.1f, 40))));
    }

    private static TfliteQuantization Q(float scale, long zeroPoint) => ConverterStyleModels.Q(scale, zeroPoint);

    private static TfliteModel LeakyRelu(int[] shape, TfliteQuantization xq, TfliteQuantization yq, float alpha) =>
        ConverterStyleModels.Single(TfliteBuiltinOperator.LeakyRelu, shape, xq, shape, yq, new TfliteLeakyReluOptions(alpha));

    private static TfliteModel Tanh(int[] shape, TfliteQuantization xq) =>
        ConverterStyleModels.Single(TfliteBuiltinOperator.Tanh, shape, xq, shape, Q(1f / 128, 0), null);

    private static TfliteModel Prelu(int[] shape, TfliteQuantization xq, int[] alphaShape, TfliteQuantization aq, TfliteQuantization yq, int seed) =>
        ConverterStyleModels.Single(TfliteBuiltinOperator.PRelu, shape, xq, shape, yq, null, m =>
        {
            var bytes = new byte[alphaShape.Aggregate(1, (p, d) => p * d)];
            new Random(seed).NextBytes(bytes);
            return [m.Constant("alpha", TfliteTensorType.Int8, alphaShape, m.Buffer(bytes), aq)];
        });
}
