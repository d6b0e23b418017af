using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime;

/// <summary>
/// int8 dot products with int32 wrapping accumulation, the hot loop of convolutions and fully connected layers.
/// Every int8 x int8 product fits int16 exactly and int32 lane sums wrap like the scalar reference, so the vector
/// and scalar paths agree on every bit regardless of summation order.
/// </summary>
internal static class Int8Dot
{
    /// <summary>sum over i &lt; length of x[i] * w[i].</summary>
    public static int Dot(ref sbyte x, ref sbyte w, int length)
    {
        int i = 0;
        int sum = 0;
        if (RuntimeFeatures.UseVectorization && length >= 16)
        {
            if (Avx2.IsSupported)
            {
                Vector256<int> acc = Vector256<int>.Zero;
                for (; i <= length - 16; i += 16)
                {
                    acc += Avx2.MultiplyAddAdjacent(Widen(ref x, i), Widen(ref w, i));
                }

                sum = Vector256.Sum(acc);
            }
            else
            {
                Vector128<int> acc = Vector128<int>.Zero;
                for (; i <= length - 16; i += 16)
                {
                    acc = Accumulate(acc, Vector128.LoadUnsafe(ref x, (nuint)i), Vector128.LoadUnsafe(ref w, (nuint)i));
                }

                sum = Vector128.Sum(acc);
            }
        }

        if (RuntimeFeatures.UseVectorization && Vector128.IsHardwareAccelerated && i <= length - 8)
        {
            sum = unchecked(sum + Vector128.Sum(Accumulate(Vector128<int>.Zero, Load8(ref x, i), Load8(ref w, i))));
            i += 8;
        }

        for (; i < length; i++)
        {
            sum = unchecked(sum + (Unsafe.Add(ref x, i) * Unsafe.Add(ref w, i)));
        }

        return sum;
    }

    /// <summary>
    /// Four dot products of one input run with four weight rows <paramref name="weightStride"/> apart, returned as
    /// lanes 0..3 (the input is loaded and widened once for the four rows).
    /// </summary>
    public static Vector128<int> Dot4(ref sbyte x, ref sbyte w, int length, int weightStride)
    {
        ref sbyte w0 = ref w;
        ref sbyte w1 = ref Unsafe.Add(ref w, weightStride);
        ref sbyte w2 = ref Unsafe.Add(ref w, 2 * weightStride);
        ref sbyte w3 = ref Unsafe.Add(ref w, 3 * weightStride);
        int i = 0;
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        if (RuntimeFeatures.UseVectorization && length >= 16)
        {
            if (Avx2.IsSupported)
            {
                Vector256<int> a0 = Vector256<int>.Zero;
                Vector256<int> a1 = Vector256<int>.Zero;
                Vector256<int> a2 = Vector256<int>.Zero;
                Vector256<int> a3 = Vector256<int>.Zero;
                for (; i <= length - 16; i += 16)
                {
                    Vector256<short> xv = Widen(ref x, i);
                    a0 += Avx2.MultiplyAddAdjacent(xv, Widen(ref w0, i));
                    a1 += Avx2.MultiplyAddAdjacent(xv, Widen(ref w1, i));
                    a2 += Avx2.MultiplyAddAdjacent(xv, Widen(ref w2, i));
                    a3 += Avx2.MultiplyAddAdjacent(xv, Widen(ref w3, i));
                }

                s0 = Vector256.Sum(a0);
                s1 = Vector256.Sum(a1);
                s2 = Vector256.Sum(a2);
                s3 = Vector256.Sum(a3);
            }
            else
            {
                Vector128<int> a0 = Vector128<int>.Zero;
                Vector128<int> a1 = Vector128<int>.Zero;
                Vector128<int> a2 = Vector128<int>.Zero;
                Vector128<int> a3 = Vector128<int>.Zero;
                for (; i <= length - 16; i += 16)
                {
                    Vector128<sbyte> xv = Vector128.LoadUnsafe(ref x, (nuint)i);
                    a0 = Accumulate(a0, xv, Vector128.LoadUnsafe(ref w0, (nuint)i));
                    a1 = Accumulate(a1, xv, Vector128.LoadUnsafe(ref w1, (nuint)i));
                    a2 = Accumulate(a2, xv, Vector128.LoadUnsafe(ref w2, (nuint)i));
                    a3 = Accumulate(a3, xv, Vector128.LoadUnsafe(ref w3, (nuint)i));
                }

                s0 = Vector128.Sum(a0);
                s1 = Vector128.Sum(a1);
                s2 = Vector128.Sum(a2);
                s3 = Vector128.Sum(a3);
            }
        }

        if (RuntimeFeatures.UseVectorization && Vector128.IsHardwareAccelerated && i <= length - 8)
        {
            // One half-width step: tiny models often have 8..15 channels, which the 16-wide loop never reaches.
            Vector128<sbyte> xv = Load8(ref x, i);
            s0 = unchecked(s0 + Vector128.Sum(Accumulate(Vector128<int>.Zero, xv, Load8(ref w0, i))));
            s1 = unchecked(s1 + Vector128.Sum(Accumulate(Vector128<int>.Zero, xv, Load8(ref w1, i))));
            s2 = unchecked(s2 + Vector128.Sum(Accumulate(Vector128<int>.Zero, xv, Load8(ref w2, i))));
            s3 = unchecked(s3 + Vector128.Sum(Accumulate(Vector128<int>.Zero, xv, Load8(ref w3, i))));
            i += 8;
        }

        for (; i < length; i++)
        {
            int xi = Unsafe.Add(ref x, i);
            s0 = unchecked(s0 + (xi * Unsafe.Add(ref w0, i)));
            s1 = unchecked(s1 + (xi * Unsafe.Add(ref w1, i)));
            s2 = unchecked(s2 + (xi * Unsafe.Add(ref w2, i)));
            s3 = unchecked(s3 + (xi * Unsafe.Add(ref w3, i)));
        }

        return Vector128.Create(s0, s1, s2, s3);
    }

    /// <summary>sum over i &lt; length of w[i] (used for taps that read padding, i.e. the input zero point).</summary>
    public static int Sum(ref sbyte w, int length)
    {
        int sum = 0;
        for (int i = 0; i < length; i++)
        {
            sum += Unsafe.Add(ref w, i);
        }

        return sum;
    }

    /// <summary>Eight values in the low half of a vector, zeros above (zeros add nothing to a dot product).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<sbyte> Load8(ref sbyte p, int offset) =>
        Vector128.CreateScalar(Unsafe.ReadUnaligned<long>(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref p, offset)))).AsSByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Widen(ref sbyte p, int offset) =>
        Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref p, (nuint)offset));

    /// <summary>acc + the 16 products x*w summed into 4 int32 lanes (lane assignment differs per ISA; only the total matters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Accumulate(Vector128<int> acc, Vector128<sbyte> x, Vector128<sbyte> w)
    {
        if (Dp.IsSupported)
        {
            return Dp.DotProduct(acc, x, w);
        }

        if (AdvSimd.IsSupported)
        {
            acc = AdvSimd.AddPairwiseWideningAndAdd(acc, AdvSimd.MultiplyWideningLower(x.GetLower(), w.GetLower()));
            return AdvSimd.AddPairwiseWideningAndAdd(acc, AdvSimd.MultiplyWideningUpper(x, w));
        }

        (Vector128<short> xl, Vector128<short> xh) = Vector128.Widen(x);
        (Vector128<short> wl, Vector128<short> wh) = Vector128.Widen(w);
        if (Sse2.IsSupported)
        {
            return acc + Sse2.MultiplyAddAdjacent(xl, wl) + Sse2.MultiplyAddAdjacent(xh, wh);
        }

        // int8 products fit int16 exactly; widen them before summing so the int32 sums wrap like the scalar loop.
        (Vector128<int> pl0, Vector128<int> pl1) = Vector128.Widen(xl * wl);
        (Vector128<int> ph0, Vector128<int> ph1) = Vector128.Widen(xh * wh);
        return acc + pl0 + pl1 + ph0 + ph1;
    }
}
