using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime;

/// <summary>
/// TFLite's MultiplyByQuantizedMultiplier on 8 lanes (AVX2) with a multiplier and shift per lane, everything that
/// depends only on them worked out at construction: kernels build one per block of 8 channels and apply it to many
/// pixels. <see cref="FixedPointVector"/>'s per-lane form is this, built and applied once.
/// </summary>
internal readonly struct ChannelRequantization
{
    private readonly Vector256<int> multiplier;
    private readonly Vector256<uint> left;
    private readonly Vector256<uint> right;
    private readonly Vector256<int> mask;
    private readonly Vector256<int> halfMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ChannelRequantization(Vector256<int> multipliers, Vector256<int> shifts)
    {
        multiplier = multipliers;
        left = Vector256.Max(shifts, Vector256<int>.Zero).AsUInt32();
        right = Vector256.Max(-shifts, Vector256<int>.Zero).AsUInt32();
        mask = Avx2.ShiftLeftLogicalVariable(Vector256.Create(1), right) - Vector256.Create(1);
        halfMask = Vector256.ShiftRightArithmetic(mask, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<int> MultiplyByQuantizedMultiplier(Vector256<int> x)
    {
        Vector256<int> high = FixedPointVector.SaturatingRoundingDoublingHighMul(Avx2.ShiftLeftLogicalVariable(x, left), multiplier);
        // Rounding divide by 2^right, halves away from zero.
        Vector256<int> threshold = halfMask - Vector256.ShiftRightArithmetic(high, 31);
        return Avx2.ShiftRightArithmeticVariable(high, right) - Vector256.GreaterThan(high & mask, threshold);
    }
}

/// <summary>
/// <see cref="ChannelRequantization"/> over 16 lanes (AVX-512): 16 channels of a convolution, or one multiplier for every
/// lane (elementwise kernels); the same instructions on wider registers, so the same bits.
/// </summary>
internal readonly struct ChannelRequantization16
{
    private readonly Vector512<int> multiplier;
    private readonly Vector512<int> multiplierOdd;
    private readonly Vector512<uint> left;
    private readonly Vector512<uint> right;
    private readonly Vector512<int> mask;
    private readonly Vector512<int> halfMask;

    /// <summary>Whether the 16-lane form runs on this machine.</summary>
    public static bool IsSupported => RuntimeFeatures.UseAvx512 && Avx512F.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ChannelRequantization16(Vector512<int> multipliers, Vector512<int> shifts)
    {
        multiplier = multipliers;
        multiplierOdd = Avx512F.ShiftRightLogical(multipliers.AsInt64(), 32).AsInt32();
        left = Vector512.Max(shifts, Vector512<int>.Zero).AsUInt32();
        right = Vector512.Max(-shifts, Vector512<int>.Zero).AsUInt32();
        mask = Avx512F.ShiftLeftLogicalVariable(Vector512.Create(1), right) - Vector512.Create(1);
        halfMask = Vector512.ShiftRightArithmetic(mask, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<int> MultiplyByQuantizedMultiplier(Vector512<int> x)
    {
        x = Avx512F.ShiftLeftLogicalVariable(x, left);
        Vector512<long> round = Vector512.Create(1L << 30);
        Vector512<long> even = Avx512F.Multiply(x, multiplier) + round;
        Vector512<long> odd = Avx512F.Multiply(Avx512F.ShiftRightLogical(x.AsInt64(), 32).AsInt32(), multiplierOdd) + round;
        Vector512<int> high = (Avx512F.ShiftRightLogical(even, 31) & Vector512.Create(0xFFFFFFFFL)
            | (Avx512F.ShiftLeftLogical(odd, 1) & Vector512.Create(unchecked((long)0xFFFFFFFF00000000UL)))).AsInt32();
        high += Vector512.Equals(high, Vector512.Create(int.MinValue));
        Vector512<int> threshold = halfMask - Vector512.ShiftRightArithmetic(high, 31);
        return Avx512F.ShiftRightArithmeticVariable(high, right) - Vector512.GreaterThan(high & mask, threshold);
    }
}
