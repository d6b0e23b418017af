namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="LeakyRelu"/> (TFLM leaky_relu_common.cc CalculateOpDataLeakyRelu).</summary>
public sealed class LeakyReluParams
{
    private LeakyReluParams(int inputZeroPoint, int outputZeroPoint, QuantizedMultiplier identity, QuantizedMultiplier alpha, bool alphaNegative)
    {
        InputZeroPoint = inputZeroPoint;
        OutputZeroPoint = outputZeroPoint;
        Identity = identity;
        Alpha = alpha;
        AlphaNegative = alphaNegative;
    }

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>Output zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>QuantizeMultiplier(s_in / s_out), the quotient taken in float32.</summary>
    public QuantizedMultiplier Identity { get; }

    /// <summary>QuantizeMultiplier(|s_in * alpha / s_out|), the product and quotient taken in float32.</summary>
    public QuantizedMultiplier Alpha { get; }

    /// <summary>alpha &lt; 0: the scaled negative side is negated (the kernel multiplies by |M| only).</summary>
    public bool AlphaNegative { get; }

    /// <summary>
    /// Prepares the two multipliers. TFLM quantizes the signed product <c>s_in * alpha / s_out</c> and the kernel
    /// multiplies by its magnitude, negating after; since QuantizeMultiplier rounds half away from zero, quantizing
    /// the magnitude gives the same integers (except a significand of exactly -2^31, which TFLM cannot negate either
    /// and which is refused here).
    /// </summary>
    public static LeakyReluParams Prepare(QuantizationParams input, QuantizationParams output, float alpha)
    {
        // float32 products and quotients, widened afterwards, as TFLM computes them.
        double alphaReal = (float)((float)(input.Scale * alpha) / output.Scale);
        double identityReal = (float)(input.Scale / output.Scale);
        var magnitude = QuantizedMultiplier.FromDouble(Math.Abs(alphaReal));
        if (alphaReal < 0 && Math.Round(QuantizedMultiplier.FrExp(-alphaReal, out _) * (1L << 31), MidpointRounding.AwayFromZero) == 1L << 31)
        {
            throw new QuantizationException($"leaky relu alpha {alpha:R} quantizes to a multiplier of -2^31, which TFLite cannot negate");
        }

        return new LeakyReluParams(input.ZeroPoint, output.ZeroPoint, QuantizedMultiplier.FromDouble(identityReal), magnitude, alphaReal < 0);
    }
}

/// <summary>int8 leaky ReLU (reference/leaky_relu.h QuantizeLeakyRelu).</summary>
public static class LeakyRelu
{
    /// <summary>Applies <see cref="Element"/> to every value.</summary>
    public static void Eval(LeakyReluParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException($"leaky relu buffers differ in length ({input.Length} -> {output.Length})");
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Element(p, input[i]);
        }
    }

    /// <summary>
    /// d = x - zp_in; d &gt;= 0: zp_out + MBQM(d, M_id); else zp_out ± MBQM(d, |M_alpha|) (minus for a negative
    /// alpha); clamp to [-128, 127].
    /// </summary>
    public static sbyte Element(LeakyReluParams p, sbyte x)
    {
        int d = x - p.InputZeroPoint;
        int result = p.OutputZeroPoint;
        if (d >= 0)
        {
            result += p.Identity.Apply(d);
        }
        else
        {
            int scaled = p.Alpha.Apply(d);
            result += p.AlphaNegative ? -scaled : scaled;
        }

        return (sbyte)FixedPoint.Clamp(result, sbyte.MinValue, sbyte.MaxValue);
    }
}
