namespace MicroBackbone.Ir.Int8;

/// <summary>
/// How the compiler chooses int8 parameters: activations asymmetric per tensor from an observed [min, max],
/// weights symmetric per output channel in [-127, 127] with zero point 0, biases int32 at input_scale * weight_scale.
/// </summary>
public static class QuantizationMath
{
    /// <summary>
    /// Activation parameters for a real range (TFLite's ChooseQuantizationParams, int8, not narrow): the range is
    /// first widened to contain 0, scale = (max - min) / 255, and the zero point is taken from whichever end gives
    /// the smaller error, rounded half away from zero and clamped into [-128, 127]. An all-zero range gets scale 1,
    /// zero point 0 (any scale represents it exactly).
    /// </summary>
    public static QuantizationParams ChooseActivationParams(double min, double max)
    {
        if (double.IsNaN(min) || double.IsNaN(max) || double.IsInfinity(min) || double.IsInfinity(max) || min > max)
        {
            throw new QuantizationException($"activation range [{min:R}, {max:R}] must be finite with min <= max");
        }

        min = Math.Min(min, 0.0);
        max = Math.Max(max, 0.0);
        if (min == max)
        {
            return new QuantizationParams(1f, 0);
        }

        const double qmin = sbyte.MinValue;
        const double qmax = sbyte.MaxValue;
        double scale = (max - min) / (qmax - qmin);
        double zeroFromMin = qmin - (min / scale);
        double zeroFromMax = qmax - (max / scale);
        double errorFromMin = Math.Abs(qmin) + Math.Abs(min / scale);
        double errorFromMax = Math.Abs(qmax) + Math.Abs(max / scale);
        double zero = errorFromMin < errorFromMax ? zeroFromMin : zeroFromMax;
        int nudged = zero < qmin ? sbyte.MinValue : zero > qmax ? sbyte.MaxValue : (int)Math.Round(zero, MidpointRounding.AwayFromZero);
        return new QuantizationParams((float)scale, nudged);
    }

    /// <summary>
    /// Symmetric per-output-channel weight quantization. <paramref name="weights"/> is laid out with the output
    /// channel outermost (OHWI conv, [out, in] fully connected) or innermost (1HWC depthwise, set
    /// <paramref name="channelInnermost"/>). scale[c] = max|w[c]| / 127 (1 for an all-zero channel),
    /// q = clamp(round(w * (1 / scale)), -127, 127) in float32 with ties away from zero.
    /// </summary>
    public static QuantizedWeights QuantizeWeightsPerChannel(ReadOnlySpan<float> weights, int channels, bool channelInnermost = false)
    {
        if (channels <= 0 || weights.Length % channels != 0)
        {
            throw new QuantizationException($"{weights.Length} weights do not split into {channels} output channels");
        }

        int perChannel = weights.Length / channels;
        var maxAbs = new float[channels];
        for (int i = 0; i < weights.Length; i++)
        {
            int c = channelInnermost ? i % channels : i / perChannel;
            if (float.IsNaN(weights[i]) || float.IsInfinity(weights[i]))
            {
                // NaN would otherwise drop out of the max and quantize to 0 without a word.
                throw new QuantizationException($"weight {i} (output channel {c}) is {weights[i]}; weights must be finite numbers");
            }
            maxAbs[c] = Math.Max(maxAbs[c], Math.Abs(weights[i]));
        }

        var scales = new float[channels];
        var inverse = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            scales[c] = maxAbs[c] > 0f ? maxAbs[c] / 127f : 1f;
            inverse[c] = 1f / scales[c];
        }

        var values = new sbyte[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            int c = channelInnermost ? i % channels : i / perChannel;
            values[i] = (sbyte)FixedPoint.Clamp(RoundToInt(weights[i] * inverse[c]), -127, 127);
        }

        return new QuantizedWeights(values, scales);
    }

    /// <summary>
    /// int32 bias for channel c at scale input_scale * weight_scale[c] (computed in double), rounded half away from
    /// zero and clamped to [-(2^31 - 1), 2^31 - 1].
    /// </summary>
    public static int[] QuantizeBias(ReadOnlySpan<float> bias, float inputScale, ReadOnlySpan<float> weightScales)
    {
        if (weightScales.Length != bias.Length && weightScales.Length != 1)
        {
            throw new QuantizationException($"bias has {bias.Length} channels but there are {weightScales.Length} weight scales");
        }

        var result = new int[bias.Length];
        for (int c = 0; c < bias.Length; c++)
        {
            double scale = (double)inputScale * weightScales[weightScales.Length == 1 ? 0 : c];
            double q = Math.Round(bias[c] / scale, MidpointRounding.AwayFromZero);
            result[c] = (int)Math.Max(-(double)int.MaxValue, Math.Min(int.MaxValue, q));
        }

        return result;
    }

    /// <summary>C's lroundf for float32 values: round half away from zero, saturated to int32; NaN gives 0.</summary>
    internal static int RoundToInt(float value)
    {
        if (float.IsNaN(value))
        {
            return 0;
        }

        double rounded = Math.Round((double)value, MidpointRounding.AwayFromZero);
        return rounded >= int.MaxValue ? int.MaxValue : rounded <= int.MinValue ? int.MinValue : (int)rounded;
    }
}
