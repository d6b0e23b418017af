using System.Runtime.CompilerServices;

namespace MicroBackbone.Runtime;

/// <summary>
/// The integer requantization primitives (gemmlowp / TFLite <c>common.h</c>, double-rounding build), scalar forms.
/// Vector forms are in <see cref="FixedPointVector"/>. Arithmetic wraps like two's-complement C.
/// </summary>
public static class FixedPointMath
{
    /// <summary>
    /// round(a * b / 2^31) with ties towards +infinity, saturating the single overflow (int.MinValue squared) to
    /// int.MaxValue. Equal to gemmlowp's SaturatingRoundingDoublingHighMul and ARM's VQRDMULH: the reference's
    /// sign-dependent nudge followed by a truncating division is exactly floor((a*b + 2^30) / 2^31).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SaturatingRoundingDoublingHighMul(int a, int b)
    {
        if (a == int.MinValue && b == int.MinValue)
        {
            return int.MaxValue;
        }

        return (int)(((long)a * b + (1L << 30)) >> 31);
    }

    /// <summary>
    /// x / 2^exponent rounded half away from zero (gemmlowp RoundingDivideByPOT); <paramref name="exponent"/> must be
    /// in [0, 31] (not checked: callers pass prepared constants).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RoundingDivideByPOT(int x, int exponent)
    {
        int mask = (int)((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /// <summary>
    /// TFLite's MultiplyByQuantizedMultiplier: a wrapping left shift by max(shift, 0), the rounding doubling high
    /// multiply by <paramref name="multiplier"/>, then a rounding right shift by max(-shift, 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MultiplyByQuantizedMultiplier(int x, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(unchecked(x << leftShift), multiplier), rightShift);
    }

    /// <summary>Saturating left shift by a non-negative amount (gemmlowp SaturatingRoundingMultiplyByPOT, positive exponent).</summary>
    public static int SaturatingLeftShift(int x, int exponent)
    {
        int threshold = (int)((1L << (31 - exponent)) - 1);
        if (x > threshold)
        {
            return int.MaxValue;
        }

        return x < -threshold ? int.MinValue : unchecked(x << exponent);
    }

    /// <summary>(a + b) / 2 rounded half away from zero (gemmlowp RoundingHalfSum).</summary>
    public static int RoundingHalfSum(int a, int b)
    {
        long sum = (long)a + b;
        return (int)((sum + (sum >= 0 ? 1 : -1)) / 2);
    }

    /// <summary>Clamps <paramref name="value"/> into [min, max].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Clamp(int value, int min, int max) => value < min ? min : value > max ? max : value;
}
