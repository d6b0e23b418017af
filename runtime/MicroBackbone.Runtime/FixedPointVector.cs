using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime;

/// <summary>
/// Lane-wise vector forms of <see cref="FixedPointMath"/>, bit-exact with the scalar ones. The high multiply uses
/// 64-bit products (x86: PMULDQ on even/odd lanes; arm64: VQRDMULH, which is the same operation; elsewhere widened
/// long lanes). Per-lane shifts use AVX2 / NEON variable shifts, or a scalar loop where neither exists.
/// </summary>
public static class FixedPointVector
{
    /// <summary>Whether per-lane shift amounts run as single instructions (AVX2 or AdvSimd) on this machine.</summary>
    public static bool HasVariableShifts => Avx2.IsSupported || AdvSimd.IsSupported;

    /// <summary>Lane-wise <see cref="FixedPointMath.SaturatingRoundingDoublingHighMul"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> SaturatingRoundingDoublingHighMul(Vector128<int> a, Vector128<int> b)
    {
        if (AdvSimd.IsSupported)
        {
            return AdvSimd.MultiplyRoundedDoublingSaturateHigh(a, b);
        }

        Vector128<int> result;
        if (Sse41.IsSupported)
        {
            Vector128<long> round = Vector128.Create(1L << 30);
            Vector128<long> even = Sse41.Multiply(a, b) + round;
            Vector128<long> odd = Sse41.Multiply(Sse2.ShiftRightLogical(a.AsInt64(), 32).AsInt32(), Sse2.ShiftRightLogical(b.AsInt64(), 32).AsInt32()) + round;
            // Bits 31..62 of each product are the result: moved to the low dword for even lanes, the high for odd.
            Vector128<long> low = Sse2.ShiftRightLogical(even, 31) & Vector128.Create(0xFFFFFFFFL);
            Vector128<long> high = Sse2.ShiftLeftLogical(odd, 1) & Vector128.Create(unchecked((long)0xFFFFFFFF00000000UL));
            result = (low | high).AsInt32();
        }
        else
        {
            (Vector128<long> al, Vector128<long> ah) = Vector128.Widen(a);
            (Vector128<long> bl, Vector128<long> bh) = Vector128.Widen(b);
            Vector128<long> round = Vector128.Create(1L << 30);
            result = Vector128.Narrow(Vector128.ShiftRightArithmetic((al * bl) + round, 31), Vector128.ShiftRightArithmetic((ah * bh) + round, 31));
        }

        // Only int.MinValue squared wraps to int.MinValue (no true result equals it): adding -1 turns it into int.MaxValue.
        return result + Vector128.Equals(result, Vector128.Create(int.MinValue));
    }

    /// <summary>Lane-wise <see cref="FixedPointMath.SaturatingRoundingDoublingHighMul"/> over 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> SaturatingRoundingDoublingHighMul(Vector256<int> a, Vector256<int> b)
    {
        if (!Avx2.IsSupported)
        {
            return Vector256.Create(SaturatingRoundingDoublingHighMul(a.GetLower(), b.GetLower()), SaturatingRoundingDoublingHighMul(a.GetUpper(), b.GetUpper()));
        }

        Vector256<long> round = Vector256.Create(1L << 30);
        Vector256<long> even = Avx2.Multiply(a, b) + round;
        Vector256<long> odd = Avx2.Multiply(Avx2.ShiftRightLogical(a.AsInt64(), 32).AsInt32(), Avx2.ShiftRightLogical(b.AsInt64(), 32).AsInt32()) + round;
        Vector256<long> low = Avx2.ShiftRightLogical(even, 31) & Vector256.Create(0xFFFFFFFFL);
        Vector256<long> high = Avx2.ShiftLeftLogical(odd, 1) & Vector256.Create(unchecked((long)0xFFFFFFFF00000000UL));
        Vector256<int> result = (low | high).AsInt32();
        return result + Vector256.Equals(result, Vector256.Create(int.MinValue));
    }

    /// <summary>Lane-wise <see cref="FixedPointMath.RoundingDivideByPOT"/> by one exponent in [0, 31].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> RoundingDivideByPOT(Vector128<int> x, int exponent)
    {
        Vector128<int> mask = Vector128.Create((int)((1L << exponent) - 1));
        Vector128<int> threshold = Vector128.ShiftRightArithmetic(mask, 1) - Vector128.ShiftRightArithmetic(x, 31);
        // GreaterThan yields -1 where true, so subtracting it adds the rounding increment.
        return Vector128.ShiftRightArithmetic(x, exponent) - Vector128.GreaterThan(x & mask, threshold);
    }

    /// <summary>Lane-wise <see cref="FixedPointMath.RoundingDivideByPOT"/> by one exponent in [0, 31], 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> RoundingDivideByPOT(Vector256<int> x, int exponent)
    {
        Vector256<int> mask = Vector256.Create((int)((1L << exponent) - 1));
        Vector256<int> threshold = Vector256.ShiftRightArithmetic(mask, 1) - Vector256.ShiftRightArithmetic(x, 31);
        return Vector256.ShiftRightArithmetic(x, exponent) - Vector256.GreaterThan(x & mask, threshold);
    }

    /// <summary>Lane-wise <see cref="FixedPointMath.MultiplyByQuantizedMultiplier"/> with one multiplier and shift.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> MultiplyByQuantizedMultiplier(Vector128<int> x, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        Vector128<int> high = SaturatingRoundingDoublingHighMul(Vector128.ShiftLeft(x, leftShift), Vector128.Create(multiplier));
        return RoundingDivideByPOT(high, rightShift);
    }

    /// <summary>Lane-wise <see cref="FixedPointMath.MultiplyByQuantizedMultiplier"/> with one multiplier and shift, 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> MultiplyByQuantizedMultiplier(Vector256<int> x, int multiplier, int shift)
    {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        Vector256<int> high = SaturatingRoundingDoublingHighMul(Vector256.ShiftLeft(x, leftShift), Vector256.Create(multiplier));
        return RoundingDivideByPOT(high, rightShift);
    }

    /// <summary>Lane-wise <see cref="FixedPointMath.MultiplyByQuantizedMultiplier"/> with one multiplier and shift, 16 lanes (AVX-512F only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> MultiplyByQuantizedMultiplier(Vector512<int> x, int multiplier, int shift) =>
        new ChannelRequantization16(Vector512.Create(multiplier), Vector512.Create(shift)).MultiplyByQuantizedMultiplier(x);

    /// <summary>
    /// Lane-wise <see cref="FixedPointMath.MultiplyByQuantizedMultiplier"/> with a multiplier and shift per lane (the
    /// per-output-channel requantization of convolutions).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> MultiplyByQuantizedMultiplier(Vector128<int> x, Vector128<int> multipliers, Vector128<int> shifts)
    {
        Vector128<int> left = Vector128.Max(shifts, Vector128<int>.Zero);
        Vector128<int> right = Vector128.Max(-shifts, Vector128<int>.Zero);
        Vector128<int> one = Vector128.Create(1);
        if (Avx2.IsSupported)
        {
            Vector128<int> high = SaturatingRoundingDoublingHighMul(Avx2.ShiftLeftLogicalVariable(x, left.AsUInt32()), multipliers);
            Vector128<int> mask = Avx2.ShiftLeftLogicalVariable(one, right.AsUInt32()) - one;
            Vector128<int> threshold = Vector128.ShiftRightArithmetic(mask, 1) - Vector128.ShiftRightArithmetic(high, 31);
            return Avx2.ShiftRightArithmeticVariable(high, right.AsUInt32()) - Vector128.GreaterThan(high & mask, threshold);
        }

        if (AdvSimd.IsSupported)
        {
            Vector128<int> high = SaturatingRoundingDoublingHighMul(AdvSimd.ShiftLogical(x, left), multipliers);
            Vector128<int> mask = AdvSimd.ShiftLogical(one, right) - one;
            Vector128<int> threshold = Vector128.ShiftRightArithmetic(mask, 1) - Vector128.ShiftRightArithmetic(high, 31);
            // SSHL shifts right for negative counts.
            return AdvSimd.ShiftArithmetic(high, -right) - Vector128.GreaterThan(high & mask, threshold);
        }

        return Vector128.Create(
            FixedPointMath.MultiplyByQuantizedMultiplier(x.GetElement(0), multipliers.GetElement(0), shifts.GetElement(0)),
            FixedPointMath.MultiplyByQuantizedMultiplier(x.GetElement(1), multipliers.GetElement(1), shifts.GetElement(1)),
            FixedPointMath.MultiplyByQuantizedMultiplier(x.GetElement(2), multipliers.GetElement(2), shifts.GetElement(2)),
            FixedPointMath.MultiplyByQuantizedMultiplier(x.GetElement(3), multipliers.GetElement(3), shifts.GetElement(3)));
    }

    /// <summary>Per-lane-multiplier form of <see cref="MultiplyByQuantizedMultiplier(Vector256{int}, int, int)"/>, 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> MultiplyByQuantizedMultiplier(Vector256<int> x, Vector256<int> multipliers, Vector256<int> shifts)
    {
        if (!Avx2.IsSupported)
        {
            return Vector256.Create(
                MultiplyByQuantizedMultiplier(x.GetLower(), multipliers.GetLower(), shifts.GetLower()),
                MultiplyByQuantizedMultiplier(x.GetUpper(), multipliers.GetUpper(), shifts.GetUpper()));
        }

        return new ChannelRequantization(multipliers, shifts).MultiplyByQuantizedMultiplier(x);
    }
}
