namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Tanh"/> (TFLM tanh.cc CalculateArithmeticOpData, int8 branch).</summary>
public sealed class TanhParams
{
    /// <summary>The input is rescaled to Q4.27 (4 integer bits) before gemmlowp's tanh.</summary>
    public const int InputIntegerBits = 4;

    private TanhParams(int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift)
    {
        InputZeroPoint = inputZeroPoint;
        InputRangeRadius = inputRangeRadius;
        InputMultiplier = inputMultiplier;
        InputLeftShift = inputLeftShift;
    }

    /// <summary>
    /// The output quantization TFLite's converter gives int8 tanh: scale 1/128, zero point 0. TFLM's kernel writes
    /// the value in that form whatever the output tensor says, and so do ours.
    /// </summary>
    public static QuantizationParams OutputQuantization => new(1f / 128f, 0);

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>|x - zp| at or beyond this saturates to -128 / 127 without evaluating the function.</summary>
    public int InputRangeRadius { get; }

    /// <summary>Q0.31 significand of input_scale * 2^27.</summary>
    public int InputMultiplier { get; }

    /// <summary>frexp exponent of input_scale * 2^27.</summary>
    public int InputLeftShift { get; }

    /// <summary>As <see cref="LogisticParams.Prepare"/>: plain frexp of s_in * 2^27, rounded; radius floor(15 * 2^27 / 2^shift).</summary>
    public static TanhParams Prepare(QuantizationParams input)
    {
        double real = input.Scale * (double)(1 << (31 - InputIntegerBits));
        double q = QuantizedMultiplier.FrExp(real, out int shift);
        long qFixed = (long)Math.Round(q * (1L << 31), MidpointRounding.AwayFromZero);
        if (qFixed > int.MaxValue)
        {
            // TFLM would wrap this to int.MinValue (undefined behaviour in C++); refuse the scale instead.
            throw new QuantizationException($"tanh input scale {input.Scale:R} rounds to a multiplier of 2^31");
        }

        return new TanhParams(input.ZeroPoint, LogisticParams.InputRadius(InputIntegerBits, shift, 31), (int)qFixed, shift);
    }
}

/// <summary>int8 tanh (reference/integer_ops/tanh.h, the int8 overload: fixed point, no table).</summary>
public static class Tanh
{
    /// <summary>Applies <see cref="Element"/> to every value.</summary>
    public static void Eval(TanhParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException($"tanh buffers differ in length ({input.Length} -> {output.Length})");
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Element(p, input[i]);
        }
    }

    /// <summary>
    /// d = x - zp; saturate when |d| &gt;= radius; else y = gemmlowp tanh(MBQM(d, M, shift) as Q4.27) in Q0.31,
    /// out = clamp(RoundingDivideByPOT(y, 24)) (no output zero point is added).
    /// </summary>
    public static sbyte Element(TanhParams p, sbyte x)
    {
        int d = x - p.InputZeroPoint;
        if (d <= -p.InputRangeRadius)
        {
            return sbyte.MinValue;
        }

        if (d >= p.InputRangeRadius)
        {
            return sbyte.MaxValue;
        }

        int inQ4 = FixedPoint.MultiplyByQuantizedMultiplier(d, p.InputMultiplier, p.InputLeftShift);
        int outQ0 = FixedPointFunctions.Tanh(inQ4, TanhParams.InputIntegerBits);
        int scaled = FixedPoint.RoundingDivideByPOT(outQ0, 31 - 7);
        return (sbyte)FixedPoint.Clamp(scaled, sbyte.MinValue, sbyte.MaxValue);
    }
}
