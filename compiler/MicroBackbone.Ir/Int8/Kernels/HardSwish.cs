namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="HardSwish"/> (TFLM hard_swish_common.cc HardSwishPrepare).</summary>
public sealed class HardSwishParams
{
    private HardSwishParams(int inputZeroPoint, int outputZeroPoint, short reluishMultiplier, int reluishExponent,
        short outputMultiplier, int outputExponent)
    {
        InputZeroPoint = inputZeroPoint;
        OutputZeroPoint = outputZeroPoint;
        ReluishMultiplier = reluishMultiplier;
        ReluishExponent = reluishExponent;
        OutputMultiplier = outputMultiplier;
        OutputExponent = outputExponent;
    }

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>Output zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>Q0.15 significand mapping the hi-res input (scale input_scale/128) onto the "reluish" scale 3/32768.</summary>
    public short ReluishMultiplier { get; }

    /// <summary>Power-of-two exponent of the reluish multiplier.</summary>
    public int ReluishExponent { get; }

    /// <summary>Q0.15 significand of (input_scale/128) / output_scale.</summary>
    public short OutputMultiplier { get; }

    /// <summary>Power-of-two exponent of the output multiplier (always &lt;= 0).</summary>
    public int OutputExponent { get; }

    /// <summary>
    /// Prepares like TFLM: hires = (1/128f) * input_scale and both ratios are computed in float32, then encoded with
    /// QuantizeMultiplier and rounded down to 16 bits (DownScaleInt32ToInt16Multiplier).
    /// </summary>
    public static HardSwishParams Prepare(QuantizationParams input, QuantizationParams output)
    {
        float hiresInputScale = (1.0f / 128.0f) * input.Scale;
        const float reluishScale = 3.0f / 32768.0f;
        var outputM = QuantizedMultiplier.FromDouble(hiresInputScale / output.Scale);
        if (outputM.Shift > 0)
        {
            throw new QuantizationException($"hard-swish output scale {output.Scale:R} is too small for input scale {input.Scale:R}");
        }

        var reluishM = QuantizedMultiplier.FromDouble(hiresInputScale / reluishScale);
        return new HardSwishParams(input.ZeroPoint, output.ZeroPoint, DownScaleToInt16(reluishM.Multiplier), reluishM.Shift,
            DownScaleToInt16(outputM.Multiplier), outputM.Shift);
    }

    /// <summary>TFLite's DownScaleInt32ToInt16Multiplier: round a Q0.31 significand to Q0.15, saturating.</summary>
    internal static short DownScaleToInt16(int multiplier)
    {
        const int roundingOffset = 1 << 15;
        if (multiplier >= int.MaxValue - roundingOffset)
        {
            return short.MaxValue;
        }

        return (short)((multiplier + roundingOffset) >> 16);
    }
}

/// <summary>int8 hard-swish x * relu6(x + 3) / 6 (reference/hard_swish.h, quantized HardSwish), 16-bit internals.</summary>
public static class HardSwish
{
    /// <summary>Applies hard-swish elementwise.</summary>
    public static void Eval(HardSwishParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException($"hard-swish buffers differ in length ({input.Length} -> {output.Length})");
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Element(p, input[i]);
        }
    }

    /// <summary>
    /// One element: the input is moved to a 7-bit-finer int16 scale; one branch rescales it to the output scale, the
    /// other to a "reluish" value in [-1, 1] on 3/32768 (so 0..3 maps to -1..1, saturating), which is shifted to
    /// [0, 1] and multiplied with the first branch.
    /// </summary>
    public static sbyte Element(HardSwishParams p, sbyte x)
    {
        short value = (short)(x - p.InputZeroPoint);
        short hires = (short)(value * (1 << 7));
        short preshiftOutput = FixedPoint.SaturatingRoundingDoublingHighMul(hires, p.OutputMultiplier);
        short reluish = hires;
        if (p.ReluishExponent > 0)
        {
            reluish = FixedPoint.SaturatingLeftShift(reluish, p.ReluishExponent - 1);
        }

        reluish = FixedPoint.SaturatingRoundingDoublingHighMul(reluish, p.ReluishMultiplier);
        if (p.ReluishExponent > 0)
        {
            reluish = FixedPoint.SaturatingLeftShift(reluish, 1);
        }

        if (p.ReluishExponent < 0)
        {
            reluish = FixedPoint.RoundingDivideByPOT(reluish, -p.ReluishExponent);
        }

        reluish = (short)((reluish + (1 << 15)) >> 1);
        short preshift = DoublingHighMulTruncating(reluish, preshiftOutput);
        // TFLite adds the zero point in int16, so an (unrealistic) overflow wraps there too.
        short result = unchecked((short)(FixedPoint.RoundingDivideByPOT(preshift, -p.OutputExponent) + p.OutputZeroPoint));
        return (sbyte)FixedPoint.Clamp(result, sbyte.MinValue, sbyte.MaxValue);
    }

    /// <summary>hard_swish.h's non-rounding SaturatingDoublingHighMul: (a * b) / 2^15 truncated toward zero.</summary>
    private static short DoublingHighMulTruncating(short a, short b)
    {
        if (a == short.MinValue && b == short.MinValue)
        {
            return short.MaxValue;
        }

        return unchecked((short)((a * b) / (1 << 15)));
    }
}
