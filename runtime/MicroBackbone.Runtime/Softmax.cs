namespace MicroBackbone.Runtime;

/// <summary>int8 softmax over the innermost axis (reference softmax.h, gemmlowp exp); output scale 1/256, zero point -128.</summary>
public static class Softmax
{
    private const int ScaledDiffIntegerBits = 5;
    private const int AccumulationIntegerBits = 12;

    /// <summary>
    /// Per row of <paramref name="depth"/> values: d = x - max; e = exp(SRDHM(d &lt;&lt; shift, M) as Q5.26) for d &gt;= diffMin;
    /// sum of RDBP(e, 12); out = clamp(RDBP(SRDHM(1/sum, e), bits + 23) - 128), or -128 where d &lt; diffMin
    /// (SoftmaxParams' InputMultiplier, its Shift and DiffMin).
    /// </summary>
    public static void Run(int depth, int inputMultiplier, int inputShift, int diffMin, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Check.Length(input.Length, output.Length, "softmax input");
        if (depth <= 0 || input.Length % depth != 0)
        {
            throw new ArgumentException($"softmax input of {input.Length} values is not rows of {depth}");
        }

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
                if (diff >= diffMin)
                {
                    sum = unchecked(sum + FixedPointMath.RoundingDivideByPOT(Exp(diff, inputMultiplier, inputShift), AccumulationIntegerBits));
                }
            }

            int reciprocal = GemmlowpFunctions.GetReciprocal(sum, AccumulationIntegerBits, out int bitsOverUnit);
            int exponent = bitsOverUnit + 31 - 8;
            for (int c = 0; c < depth; c++)
            {
                int diff = x[c] - max;
                if (diff >= diffMin)
                {
                    int scaled = FixedPointMath.SaturatingRoundingDoublingHighMul(reciprocal, Exp(diff, inputMultiplier, inputShift));
                    y[c] = (sbyte)FixedPointMath.Clamp(FixedPointMath.RoundingDivideByPOT(scaled, exponent) - 128, sbyte.MinValue, sbyte.MaxValue);
                }
                else
                {
                    y[c] = sbyte.MinValue;
                }
            }
        }
    }

    private static int Exp(int diff, int multiplier, int shift)
    {
        int rescaled = FixedPointMath.SaturatingRoundingDoublingHighMul(unchecked(diff * (1 << shift)), multiplier);
        return GemmlowpFunctions.ExpOnNegativeValues(rescaled, ScaledDiffIntegerBits);
    }
}
