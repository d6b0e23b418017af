namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// Prepared integers for <see cref="HardSigmoid"/>. TFLite has no HARD_SIGMOID builtin, so ours is defined as the
/// integer computation of one DEPTHWISE_CONV_2D: 1x1 kernel, every weight <see cref="Weight"/> with per-channel scale
/// <see cref="WeightScale"/>, every bias <see cref="Bias"/>, output quantization fixed at scale 1/256, zero point -128
/// (whose int8 range [0, 255/256] supplies the clamp to [0, 1]). Exporting it as that operator is therefore exact.
/// </summary>
public sealed class HardSigmoidParams
{
    /// <summary>The int8 weight of the equivalent 1x1 depthwise convolution.</summary>
    public const int Weight = 127;

    private HardSigmoidParams(int inputZeroPoint, int bias, QuantizedMultiplier multiplier)
    {
        InputZeroPoint = inputZeroPoint;
        Bias = bias;
        Multiplier = multiplier;
    }

    /// <summary>float32 scale of the weight: 127 * WeightScale = 1/6.</summary>
    public static float WeightScale => (float)(1.0 / (6.0 * 127.0));

    /// <summary>The fixed output quantization: scale 1/256, zero point -128.</summary>
    public static QuantizationParams OutputQuantization => new(1f / 256f, -128);

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>int32 bias representing +0.5 at scale input_scale * WeightScale.</summary>
    public int Bias { get; }

    /// <summary>input_scale * WeightScale / (1/256), as the depthwise convolution would compute it.</summary>
    public QuantizedMultiplier Multiplier { get; }

    /// <summary>Prepares the constants from the input quantization.</summary>
    public static HardSigmoidParams Prepare(QuantizationParams input)
    {
        float ws = WeightScale;
        int bias = QuantizationMath.QuantizeBias(new[] { 0.5f }, input.Scale, new[] { ws })[0];
        var m = QuantizedMultiplier.FromDouble((double)input.Scale * ws / OutputQuantization.Scale);
        return new HardSigmoidParams(input.ZeroPoint, bias, m);
    }

    /// <summary>
    /// The parameters of the exactly equivalent TFLite DEPTHWISE_CONV_2D over <paramref name="input"/>, plus its
    /// weights (1x1xC, all 127) and bias (C copies of <see cref="Bias"/>).
    /// </summary>
    public DepthwiseConv2DParams ToDepthwise(Nhwc input, QuantizationParams inputQuant, out sbyte[] weights, out int[] bias)
    {
        weights = Enumerable.Repeat((sbyte)Weight, input.Channels).ToArray();
        bias = Enumerable.Repeat(Bias, input.Channels).ToArray();
        return DepthwiseConv2DParams.Prepare(input, new Window2D(1, 1), inputQuant, new[] { WeightScale }, OutputQuantization, FusedActivation.None);
    }
}

/// <summary>int8 hard-sigmoid relu6(x + 3) / 6 = clamp(x / 6 + 1/2, 0, 1), our own operator (see <see cref="HardSigmoidParams"/>).</summary>
public static class HardSigmoid
{
    /// <summary>Applies hard-sigmoid elementwise.</summary>
    public static void Eval(HardSigmoidParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException($"hard-sigmoid buffers differ in length ({input.Length} -> {output.Length})");
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Element(p, input[i]);
        }
    }

    /// <summary>out = clamp(-128 + MBQM(127 * (x - zp) + bias, M), -128, 127).</summary>
    public static sbyte Element(HardSigmoidParams p, sbyte x)
    {
        int acc = (HardSigmoidParams.Weight * (x - p.InputZeroPoint)) + p.Bias;
        int result = p.Multiplier.Apply(acc) + HardSigmoidParams.OutputQuantization.ZeroPoint;
        return (sbyte)FixedPoint.Clamp(result, sbyte.MinValue, sbyte.MaxValue);
    }
}
