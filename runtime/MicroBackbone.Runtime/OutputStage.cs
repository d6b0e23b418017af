using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>
/// The common tail of convolution-like kernels: out = clamp(MBQM(acc, M[c], shift[c]) + zeroPoint, min, max), per
/// output channel, vectorized across channels.
/// </summary>
internal static class OutputStage
{
    /// <summary>Requantizes <paramref name="acc"/> (one value per channel, starting at channel 0) into <paramref name="output"/>.</summary>
    public static void PerChannel(ReadOnlySpan<int> acc, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts,
        int zeroPoint, int min, int max, Span<sbyte> output)
    {
        int count = acc.Length;
        int c = 0;
        ref int a = ref MemoryMarshal.GetReference(acc);
        ref int m = ref MemoryMarshal.GetReference(multipliers);
        ref int s = ref MemoryMarshal.GetReference(shifts);
        ref sbyte o = ref MemoryMarshal.GetReference(output);
        if (RuntimeFeatures.UseVectorization && FixedPointVector.HasVariableShifts)
        {
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<int> zp = Vector256.Create(zeroPoint);
                Vector256<int> lo = Vector256.Create(min);
                Vector256<int> hi = Vector256.Create(max);
                for (; c <= count - 8; c += 8)
                {
                    Vector256<int> r = FixedPointVector.MultiplyByQuantizedMultiplier(
                        Vector256.LoadUnsafe(ref a, (nuint)c), Vector256.LoadUnsafe(ref m, (nuint)c), Vector256.LoadUnsafe(ref s, (nuint)c));
                    Store8(Vector256.Min(Vector256.Max(r + zp, lo), hi), ref Unsafe.Add(ref o, c));
                }
            }

            Vector128<int> zp4 = Vector128.Create(zeroPoint);
            Vector128<int> lo4 = Vector128.Create(min);
            Vector128<int> hi4 = Vector128.Create(max);
            for (; c <= count - 4; c += 4)
            {
                Vector128<int> r = FixedPointVector.MultiplyByQuantizedMultiplier(
                    Vector128.LoadUnsafe(ref a, (nuint)c), Vector128.LoadUnsafe(ref m, (nuint)c), Vector128.LoadUnsafe(ref s, (nuint)c));
                Store4(Vector128.Min(Vector128.Max(r + zp4, lo4), hi4), ref Unsafe.Add(ref o, c));
            }
        }

        for (; c < count; c++)
        {
            int r = FixedPointMath.MultiplyByQuantizedMultiplier(Unsafe.Add(ref a, c), Unsafe.Add(ref m, c), Unsafe.Add(ref s, c)) + zeroPoint;
            Unsafe.Add(ref o, c) = (sbyte)FixedPointMath.Clamp(r, min, max);
        }
    }

    /// <summary>Stores 8 int32 lanes already clamped to int8 as 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store8(Vector256<int> clamped, ref sbyte destination)
    {
        Vector128<short> words = Vector128.Narrow(clamped.GetLower(), clamped.GetUpper());
        Vector128<sbyte> bytes = Vector128.Narrow(words, words);
        Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref destination), bytes.AsUInt64().ToScalar());
    }

    /// <summary>Stores 4 int32 lanes already clamped to int8 as 4 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store4(Vector128<int> clamped, ref sbyte destination)
    {
        Vector128<short> words = Vector128.Narrow(clamped, clamped);
        Vector128<sbyte> bytes = Vector128.Narrow(words, words);
        Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref destination), bytes.AsUInt32().ToScalar());
    }
}
