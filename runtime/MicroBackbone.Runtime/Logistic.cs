namespace MicroBackbone.Runtime;

/// <summary>int8 sigmoid (reference_integer_ops logistic.h); output scale 1/256, zero point -128.</summary>
public static class Logistic
{
    /// <summary>The input is rescaled to Q4.27 before gemmlowp's logistic.</summary>
    public const int InputIntegerBits = 4;

    /// <summary>Applies the sigmoid elementwise with LogisticParams' integers.</summary>
    public static void Run(int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift,
        ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Check.Length(input.Length, output.Length, "logistic input");
        if (input.Length >= LookupTable.WorthwhileLength)
        {
            // Tabulating all 256 inputs costs less than evaluating this many elements, and is exact by construction.
            Span<sbyte> table = stackalloc sbyte[LookupTable.Size];
            FillTable(inputZeroPoint, inputRangeRadius, inputMultiplier, inputLeftShift, table);
            LookupTable.Apply(table, input, output);
            return;
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Element(inputZeroPoint, inputRangeRadius, inputMultiplier, inputLeftShift, input[i]);
        }
    }

    /// <summary>Fills a 256-entry <see cref="LookupTable"/> (index q + 128) with the sigmoid of every int8 value.</summary>
    public static void FillTable(int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift, Span<sbyte> table)
    {
        Check.Length(table.Length, LookupTable.Size, "lookup table");
        for (int q = sbyte.MinValue; q <= sbyte.MaxValue; q++)
        {
            table[q + 128] = Element(inputZeroPoint, inputRangeRadius, inputMultiplier, inputLeftShift, (sbyte)q);
        }
    }

    /// <summary>
    /// d = x - zp; saturate when |d| &gt;= radius; else y = logistic(MBQM(d, M, shift) as Q4.27) in Q0.31,
    /// out = clamp(RDBP(y, 23) - 128).
    /// </summary>
    public static sbyte Element(int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift, sbyte x)
    {
        int d = x - inputZeroPoint;
        if (d <= -inputRangeRadius)
        {
            return sbyte.MinValue;
        }

        if (d >= inputRangeRadius)
        {
            return sbyte.MaxValue;
        }

        int inQ4 = FixedPointMath.MultiplyByQuantizedMultiplier(d, inputMultiplier, inputLeftShift);
        int outQ0 = GemmlowpFunctions.Logistic(inQ4, InputIntegerBits);
        return (sbyte)FixedPointMath.Clamp(FixedPointMath.RoundingDivideByPOT(outQ0, 23) - 128, sbyte.MinValue, sbyte.MaxValue);
    }
}
