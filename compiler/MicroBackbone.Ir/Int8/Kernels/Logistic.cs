namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Logistic"/> (TFLM logistic_common.cc, int8 branch).</summary>
public sealed class LogisticParams
{
    /// <summary>The input is rescaled to Q4.27 (4 integer bits) before gemmlowp's logistic.</summary>
    public const int InputIntegerBits = 4;

    private LogisticParams(int inputZeroPoint, int inputRangeRadius, int inputMultiplier, int inputLeftShift)
    {
        InputZeroPoint = inputZeroPoint;
        InputRangeRadius = inputRangeRadius;
        InputMultiplier = inputMultiplier;
        InputLeftShift = inputLeftShift;
    }

    /// <summary>The output quantization TFLite requires for int8 logistic: scale 1/256, zero point -128.</summary>
    public static QuantizationParams OutputQuantization => new(1f / 256f, -128);

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>|x - zp| at or beyond this saturates to -128 / 127 without evaluating the function.</summary>
    public int InputRangeRadius { get; }

    /// <summary>Q0.31 significand of input_scale * 2^27.</summary>
    public int InputMultiplier { get; }

    /// <summary>frexp exponent of input_scale * 2^27.</summary>
    public int InputLeftShift { get; }

    /// <summary>
    /// Prepares like TFLM: the real multiplier input_scale * 2^27 is split with a plain frexp and rounded (no 2^31
    /// adjustment, unlike QuantizeMultiplier); the radius is floor(15 * 2^27 / 2^shift) (CalculateInputRadius).
    /// </summary>
    public static LogisticParams Prepare(QuantizationParams input)
    {
        double real = input.Scale * (double)(1 << (31 - InputIntegerBits));
        double q = QuantizedMultiplier.FrExp(real, out int shift);
        long qFixed = (long)Math.Round(q * (1L << 31), MidpointRounding.AwayFromZero);
        if (qFixed > int.MaxValue)
        {
            // TFLM would wrap this to int.MinValue (undefined behaviour in C++); refuse the scale instead.
            throw new QuantizationException($"logistic input scale {input.Scale:R} rounds to a multiplier of 2^31");
        }

        return new LogisticParams(input.ZeroPoint, InputRadius(InputIntegerBits, shift, 31), (int)qFixed, shift);
    }

    /// <summary>TFLite's CalculateInputRadius (quantization_util.cc).</summary>
    internal static int InputRadius(int integerBits, int leftShift, int totalSignedBits)
    {
        double max = 1.0 * ((1 << integerBits) - 1) * (1L << (totalSignedBits - integerBits)) / Math.Pow(2.0, leftShift);
        return (int)Math.Floor(max);
    }
}

/// <summary>int8 sigmoid (reference/integer_ops/logistic.h), output scale 1/256, zero point -128.</summary>
public static class Logistic
{
    /// <summary>
    /// d = x - zp; saturate when |d| &gt;= radius; else y = gemmlowp logistic(MBQM(d, M, shift) as Q4.27) in Q0.31,
    /// out = clamp(RoundingDivideByPOT(y, 23) - 128).
    /// </summary>
    public static void Eval(LogisticParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException($"logistic buffers differ in length ({input.Length} -> {output.Length})");
        }

        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Element(p, input[i]);
        }
    }

    /// <summary>One element of the sigmoid.</summary>
    public static sbyte Element(LogisticParams p, sbyte x)
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
        int outQ0 = FixedPointFunctions.Logistic(inQ4, LogisticParams.InputIntegerBits);
        int scaled = FixedPoint.RoundingDivideByPOT(outQ0, 31 - 8) - 128;
        return (sbyte)FixedPoint.Clamp(scaled, sbyte.MinValue, sbyte.MaxValue);
    }
}
