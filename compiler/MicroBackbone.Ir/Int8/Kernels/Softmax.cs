namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Softmax"/> (TFLM softmax_common.cc CalculateSoftmaxParams, int8 -> int8).</summary>
public sealed class SoftmaxParams
{
    /// <summary>Integer bits of the scaled input differences fed to exp (Q5.26).</summary>
    public const int ScaledDiffIntegerBits = 5;

    /// <summary>Integer bits of the running sum of exponentials (Q12.19).</summary>
    public const int AccumulationIntegerBits = 12;

    private SoftmaxParams(int depth, QuantizedMultiplier inputMultiplier, int diffMin)
    {
        Depth = depth;
        InputMultiplier = inputMultiplier;
        DiffMin = diffMin;
    }

    /// <summary>The fixed output quantization TFLite requires: scale 1/256, zero point -128.</summary>
    public static QuantizationParams OutputQuantization => new(1f / 256f, -128);

    /// <summary>Length of the innermost axis the softmax normalises over.</summary>
    public int Depth { get; }

    /// <summary>beta * input_scale * 2^26, capped at 2^31 - 1, as a greater-than-one multiplier (shift &gt;= 0).</summary>
    public QuantizedMultiplier InputMultiplier { get; }

    /// <summary>Differences from the row maximum below this contribute exp = 0 and output -128.</summary>
    public int DiffMin { get; }

    /// <summary>Prepares like TFLite's PreprocessSoftmaxScaling and CalculateInputRadius(5, shift).</summary>
    public static SoftmaxParams Prepare(int depth, QuantizationParams input, double beta = 1.0)
    {
        if (depth <= 0)
        {
            throw new QuantizationException($"softmax depth {depth} must be positive");
        }

        double real = Math.Min(beta * input.Scale * (1 << (31 - ScaledDiffIntegerBits)), (1L << 31) - 1.0);
        var m = QuantizedMultiplier.FromDoubleGreaterThanOne(real);
        int diffMin = -LogisticParams.InputRadius(ScaledDiffIntegerBits, m.Shift, 31);
        return new SoftmaxParams(depth, m, diffMin);
    }
}

/// <summary>int8 softmax over the innermost axis (reference/softmax.h quantized Softmax with gemmlowp exp).</summary>
public static class Softmax
{
    /// <summary>
    /// Per row: d = x - max; e = exp(MBQM(d) as Q5.26) for d &gt;= DiffMin; s = sum of e in Q12.19; r = 1/s via
    /// GetReciprocal; out = clamp(RoundingDivideByPOT(r * e, bitsOverUnit + 23) - 128), or -128 where d &lt; DiffMin.
    /// </summary>
    public static void Eval(SoftmaxParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != output.Length || input.Length % p.Depth != 0)
        {
            throw new ArgumentException($"softmax buffers ({input.Length} -> {output.Length}) are not rows of {p.Depth}");
        }

        int depth = p.Depth;
        for (int row = 0; row < input.Length / depth; row++)
        {
            ReadOnlySpan<sbyte> x = input.Slice(row * depth, depth);
            Span<sbyte> y = output.Slice(row * depth, depth);
            int max = sbyte.MinValue;
            for (int c = 0; c < depth; c++)
            {
                max = Math.Max(max, x[c]);
            }

            int sum = 0;
            for (int c = 0; c < depth; c++)
            {
                int diff = x[c] - max;
                if (diff >= p.DiffMin)
                {
                    int e = Exp(p, diff);
                    sum = unchecked(sum + FixedPoint.RoundingDivideByPOT(e, SoftmaxParams.AccumulationIntegerBits));
                }
            }

            int reciprocal = FixedPointFunctions.GetReciprocal(sum, SoftmaxParams.AccumulationIntegerBits, out int bitsOverUnit);
            int exponent = bitsOverUnit + 31 - 8;
            for (int c = 0; c < depth; c++)
            {
                int diff = x[c] - max;
                if (diff >= p.DiffMin)
                {
                    int e = Exp(p, diff);
                    int unsaturated = FixedPoint.RoundingDivideByPOT(FixedPoint.SaturatingRoundingDoublingHighMul(reciprocal, e), exponent);
                    y[c] = (sbyte)FixedPoint.Clamp(unsaturated - 128, sbyte.MinValue, sbyte.MaxValue);
                }
                else
                {
                    y[c] = sbyte.MinValue;
                }
            }
        }
    }

    private static int Exp(SoftmaxParams p, int diff)
    {
        // MultiplyByQuantizedMultiplierGreaterThanOne: left shift then the rounding high multiply, no right shift.
        int rescaled = FixedPoint.SaturatingRoundingDoublingHighMul(unchecked(diff * (1 << p.InputMultiplier.Shift)), p.InputMultiplier.Multiplier);
        return FixedPointFunctions.ExpOnNegativeValues(rescaled, SoftmaxParams.ScaledDiffIntegerBits);
    }
}
