namespace MicroBackbone.Ir.Int8;

/// <summary>
/// The integer primitives every int8 kernel is built from, bit-exact with TFLite's default (double-rounding) build:
/// gemmlowp's <c>SaturatingRoundingDoublingHighMul</c> and <c>RoundingDivideByPOT</c>, and
/// <c>MultiplyByQuantizedMultiplier</c> from <c>tensorflow/lite/kernels/internal/common.h</c>/<c>common.cc</c>.
/// All arithmetic wraps like two's-complement C (the C back end relies on the same behaviour).
/// </summary>
public static class FixedPoint
{
    /// <summary>
    /// round(a * b / 2^31) with ties away from zero, saturating the single overflow case
    /// (int.MinValue * int.MinValue) to int.MaxValue. Matches gemmlowp's int32 SaturatingRoundingDoublingHighMul
    /// (the ARM VQRDMULH instruction).
    /// </summary>
    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == int.MinValue && b == int.MinValue)
        {
            return int.MaxValue;
        }

        long product = (long)a * b;
        long nudge = product >= 0 ? 1L << 30 : 1 - (1L << 30);
        // C++ integer division truncates toward zero, as does C#'s.
        return (int)((product + nudge) / (1L << 31));
    }

    /// <summary>The 16-bit variant of <see cref="SaturatingRoundingDoublingHighMul(int, int)"/> (used by hard-swish).</summary>
    public static short SaturatingRoundingDoublingHighMul(short a, short b)
    {
        if (a == short.MinValue && b == short.MinValue)
        {
            return short.MaxValue;
        }

        int product = a * b;
        int nudge = product >= 0 ? 1 << 14 : 1 - (1 << 14);
        return unchecked((short)((product + nudge) / (1 << 15)));
    }

    /// <summary>
    /// x / 2^exponent rounded to nearest, ties away from zero (gemmlowp RoundingDivideByPOT): 3/2 -> 2, -3/2 -> -2,
    /// -5/4 -> -1. <paramref name="exponent"/> must be in [0, 31].
    /// </summary>
    public static int RoundingDivideByPOT(int x, int exponent)
    {
        if (exponent < 0 || exponent > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "must be in [0, 31]");
        }

        int mask = (int)((1L << exponent) - 1);
        int remainder = x & mask;
        // Negative values get a threshold one higher, which turns floor-shift into round-half-away-from-zero.
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>The 16-bit variant of <see cref="RoundingDivideByPOT(int, int)"/>; exponent in [0, 15].</summary>
    public static short RoundingDivideByPOT(short x, int exponent)
    {
        if (exponent < 0 || exponent > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "must be in [0, 15]");
        }

        int mask = (1 << exponent) - 1;
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return unchecked((short)((x >> exponent) + (remainder > threshold ? 1 : 0)));
    }

    /// <summary>
    /// x * multiplier * 2^shift / 2^31 with TFLite's double rounding: a wrapping left shift for positive shifts,
    /// then SaturatingRoundingDoublingHighMul, then RoundingDivideByPOT for negative shifts
    /// (common.cc MultiplyByQuantizedMultiplier, int32 overload, TFLITE_SINGLE_ROUNDING off).
    /// </summary>
    public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(unchecked(x * (1 << leftShift)), multiplier), rightShift);
    }

    /// <summary>Applies a prepared <see cref="QuantizedMultiplier"/> to <paramref name="x"/>.</summary>
    public static int MultiplyByQuantizedMultiplier(int x, QuantizedMultiplier multiplier) =>
        MultiplyByQuantizedMultiplier(x, multiplier.Multiplier, multiplier.Shift);

    /// <summary>
    /// Saturating left shift by a non-negative amount (gemmlowp SaturatingRoundingMultiplyByPOT with a positive
    /// exponent): values whose shifted result would not fit clamp to int.MinValue/int.MaxValue.
    /// </summary>
    public static int SaturatingLeftShift(int x, int exponent)
    {
        int threshold = (int)((1L << (31 - exponent)) - 1);
        if (x > threshold)
        {
            return int.MaxValue;
        }

        if (x < -threshold)
        {
            return int.MinValue;
        }

        return unchecked(x << exponent);
    }

    /// <summary>The 16-bit saturating left shift used by TFLite's hard-swish (reference/hard_swish.h).</summary>
    public static short SaturatingLeftShift(short x, int amount)
    {
        long result = (long)x * (1L << amount);
        return (short)Math.Max(short.MinValue, Math.Min(short.MaxValue, result));
    }

    /// <summary>(a + b) / 2 rounded half away from zero (gemmlowp RoundingHalfSum, int32).</summary>
    public static int RoundingHalfSum(int a, int b)
    {
        long sum = (long)a + b;
        long sign = sum >= 0 ? 1 : -1;
        return (int)((sum + sign) / 2);
    }

    /// <summary>Clamps an int32 into [min, max].</summary>
    public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;
}
