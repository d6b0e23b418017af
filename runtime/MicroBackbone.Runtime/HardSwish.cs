namespace MicroBackbone.Runtime;

/// <summary>int8 hard-swish x * relu6(x + 3) / 6 with TFLite's 16-bit internals (reference hard_swish.h).</summary>
public static class HardSwish
{
    /// <summary>Applies hard-swish elementwise.</summary>
    public static void Run(in HardSwishParameters p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Check.Length(input.Length, output.Length, "hard-swish input");
        if (input.Length >= LookupTable.WorthwhileLength)
        {
            // Tabulating all 256 inputs costs less than evaluating this many elements, and is exact by construction.
            Span<sbyte> table = stackalloc sbyte[LookupTable.Size];
            FillTable(p, table);
            LookupTable.Apply(table, input, output);
            return;
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Element(p, input[i]);
        }
    }

    /// <summary>Fills a 256-entry <see cref="LookupTable"/> (index q + 128) with hard-swish of every int8 value.</summary>
    public static void FillTable(in HardSwishParameters p, Span<sbyte> table)
    {
        Check.Length(table.Length, LookupTable.Size, "lookup table");
        for (int q = sbyte.MinValue; q <= sbyte.MaxValue; q++)
        {
            table[q + 128] = Element(p, (sbyte)q);
        }
    }

    /// <summary>One element (see docs/INT8.md, HardSwish).</summary>
    public static sbyte Element(in HardSwishParameters p, sbyte x)
    {
        short hires = unchecked((short)((x - p.InputZeroPoint) * (1 << 7)));
        short preshiftOutput = Srdhm16(hires, p.OutputMultiplier);
        short reluish = hires;
        if (p.ReluishExponent > 0)
        {
            reluish = SaturatingLeftShift16(reluish, p.ReluishExponent - 1);
        }

        reluish = Srdhm16(reluish, p.ReluishMultiplier);
        if (p.ReluishExponent > 0)
        {
            reluish = SaturatingLeftShift16(reluish, 1);
        }

        if (p.ReluishExponent < 0)
        {
            reluish = Rdbp16(reluish, -p.ReluishExponent);
        }

        reluish = (short)((reluish + (1 << 15)) >> 1);
        short preshift = TruncatingHighMul16(reluish, preshiftOutput);
        short result = unchecked((short)(Rdbp16(preshift, -p.OutputExponent) + p.OutputZeroPoint));
        return (sbyte)FixedPointMath.Clamp(result, sbyte.MinValue, sbyte.MaxValue);
    }

    private static short Srdhm16(short a, short b)
    {
        if (a == short.MinValue && b == short.MinValue)
        {
            return short.MaxValue;
        }

        int product = a * b;
        int nudge = product >= 0 ? 1 << 14 : 1 - (1 << 14);
        return unchecked((short)((product + nudge) / (1 << 15)));
    }

    private static short Rdbp16(short x, int exponent)
    {
        int mask = (1 << exponent) - 1;
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return unchecked((short)((x >> exponent) + (remainder > threshold ? 1 : 0)));
    }

    private static short SaturatingLeftShift16(short x, int amount)
    {
        long result = (long)x * (1L << amount);
        return (short)Math.Max(short.MinValue, Math.Min(short.MaxValue, result));
    }

    /// <summary>hard_swish.h's non-rounding doubling high multiply: (a * b) / 2^15 truncated toward zero.</summary>
    private static short TruncatingHighMul16(short a, short b)
    {
        if (a == short.MinValue && b == short.MinValue)
        {
            return short.MaxValue;
        }

        return unchecked((short)((a * b) / (1 << 15)));
    }
}
