namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Prelu"/> (TFLM prelu_common.cc CalculatePreluParams).</summary>
public sealed class PreluParams
{
    private PreluParams(int inputOffset, int alphaOffset, int outputOffset, QuantizedMultiplier positive, QuantizedMultiplier negative)
    {
        InputOffset = inputOffset;
        AlphaOffset = alphaOffset;
        OutputOffset = outputOffset;
        Positive = positive;
        Negative = negative;
    }

    /// <summary>-zero point of the input.</summary>
    public int InputOffset { get; }

    /// <summary>-zero point of alpha.</summary>
    public int AlphaOffset { get; }

    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }

    /// <summary>QuantizeMultiplier((double)s_in / s_out), for x &gt;= zp_in.</summary>
    public QuantizedMultiplier Positive { get; }

    /// <summary>QuantizeMultiplier((double)s_in * s_alpha / s_out), for x &lt; zp_in.</summary>
    public QuantizedMultiplier Negative { get; }

    /// <summary>Prepares both multipliers in double, as TFLM does; alpha is quantized per tensor.</summary>
    public static PreluParams Prepare(QuantizationParams input, QuantizationParams alpha, QuantizationParams output) =>
        new(-input.ZeroPoint, -alpha.ZeroPoint, output.ZeroPoint,
            QuantizedMultiplier.FromDouble((double)input.Scale / output.Scale),
            QuantizedMultiplier.FromDouble((double)input.Scale * alpha.Scale / output.Scale));
}

/// <summary>int8 parametric ReLU (reference/prelu.h BroadcastPrelu4DSlow).</summary>
public static class Prelu
{
    /// <summary>
    /// d = x - zp_in; d &gt;= 0: MBQM(d, M_pos); else MBQM(d * (alpha - zp_alpha), M_neg); plus zp_out, clamped to
    /// [-128, 127].
    /// </summary>
    public static sbyte Element(PreluParams p, sbyte x, sbyte alpha)
    {
        int d = x + p.InputOffset;
        int result = d >= 0
            ? p.Positive.Apply(d)
            : p.Negative.Apply(d * (alpha + p.AlphaOffset));
        return (sbyte)FixedPoint.Clamp(result + p.OutputOffset, sbyte.MinValue, sbyte.MaxValue);
    }
}
