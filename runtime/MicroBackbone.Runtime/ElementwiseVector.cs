using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime;

/// <summary>
/// The elementwise kernels' loop (<see cref="Apply"/>) and its widening loads and narrowing stores of 16 int8 values.
/// </summary>
internal static class ElementwiseVector
{
    /// <summary>
    /// output[i] = op(input1[i], input2[i]) over equal lengths: 16 values per step at the widest width this machine has
    /// (16, 8 or 4 int32 lanes), then the tail element by element. Every width gives the same bytes.
    /// </summary>
    public static void Apply<TOperation>(in TOperation op, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
        where TOperation : struct, IElementwiseOperation
    {
        ref sbyte a = ref MemoryMarshal.GetReference(input1);
        ref sbyte b = ref MemoryMarshal.GetReference(input2);
        ref sbyte o = ref MemoryMarshal.GetReference(output);
        int length = output.Length;
        int i = 0;
        if (Widest)
        {
            Vector512<int> min = Vector512.Create(op.ActivationMin);
            Vector512<int> max = Vector512.Create(op.ActivationMax);
            for (; i <= length - 16; i += 16)
            {
                Store16(op.Lanes(Load16Wide(ref a, i), Load16Wide(ref b, i)), min, max, ref o, i);
            }
        }
        else if (Wide)
        {
            Vector256<int> min = Vector256.Create(op.ActivationMin);
            Vector256<int> max = Vector256.Create(op.ActivationMax);
            for (; i <= length - 16; i += 16)
            {
                Load16(ref a, i, out Vector256<int> a0, out Vector256<int> a1);
                Load16(ref b, i, out Vector256<int> b0, out Vector256<int> b1);
                Store16(op.Lanes(a0, b0), op.Lanes(a1, b1), min, max, ref o, i);
            }
        }
        else if (Enabled)
        {
            Vector128<int> min = Vector128.Create(op.ActivationMin);
            Vector128<int> max = Vector128.Create(op.ActivationMax);
            for (; i <= length - 16; i += 16)
            {
                Load16(ref a, i, out Vector128<int> a0, out Vector128<int> a1, out Vector128<int> a2, out Vector128<int> a3);
                Load16(ref b, i, out Vector128<int> b0, out Vector128<int> b1, out Vector128<int> b2, out Vector128<int> b3);
                Store16(op.Lanes(a0, b0), op.Lanes(a1, b1), op.Lanes(a2, b2), op.Lanes(a3, b3), min, max, ref o, i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref o, i) = op.Element(Unsafe.Add(ref a, i), Unsafe.Add(ref b, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load16(ref sbyte source, int offset, out Vector128<int> v0, out Vector128<int> v1, out Vector128<int> v2, out Vector128<int> v3)
    {
        (Vector128<short> lo, Vector128<short> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref source, (nuint)offset));
        (v0, v1) = Vector128.Widen(lo);
        (v2, v3) = Vector128.Widen(hi);
    }

    /// <summary>Clamps the lanes to [min, max] (a sub-range of int8) and stores them as 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(Vector128<int> v0, Vector128<int> v1, Vector128<int> v2, Vector128<int> v3, Vector128<int> min, Vector128<int> max,
        ref sbyte destination, int offset)
    {
        v0 = Vector128.Min(Vector128.Max(v0, min), max);
        v1 = Vector128.Min(Vector128.Max(v1, min), max);
        v2 = Vector128.Min(Vector128.Max(v2, min), max);
        v3 = Vector128.Min(Vector128.Max(v3, min), max);
        Vector128.Narrow(Vector128.Narrow(v0, v1), Vector128.Narrow(v2, v3)).StoreUnsafe(ref destination, (nuint)offset);
    }

    /// <summary>Loads 16 int8 values as two 8-lane int32 vectors (AVX2 only: see <see cref="Wide"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load16(ref sbyte source, int offset, out Vector256<int> v0, out Vector256<int> v1)
    {
        v0 = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref source, (nuint)offset));
        v1 = Avx2.ConvertToVector256Int32(Vector128.LoadUnsafe(ref source, (nuint)(offset + 8)));
    }

    /// <summary>Clamps two 8-lane vectors to [min, max] (a sub-range of int8) and stores them as 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(Vector256<int> v0, Vector256<int> v1, Vector256<int> min, Vector256<int> max, ref sbyte destination, int offset)
    {
        v0 = Vector256.Min(Vector256.Max(v0, min), max);
        v1 = Vector256.Min(Vector256.Max(v1, min), max);
        Vector128<short> w0 = Vector128.Narrow(v0.GetLower(), v0.GetUpper());
        Vector128<short> w1 = Vector128.Narrow(v1.GetLower(), v1.GetUpper());
        Vector128.Narrow(w0, w1).StoreUnsafe(ref destination, (nuint)offset);
    }

    /// <summary>Loads 16 int8 values as one 16-lane int32 vector (AVX-512F only: see <see cref="Widest"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> Load16Wide(ref sbyte source, int offset) =>
        Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref source, (nuint)offset));

    /// <summary>Clamps 16 lanes to [min, max] (a sub-range of int8) and stores them as 16 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store16(Vector512<int> v, Vector512<int> min, Vector512<int> max, ref sbyte destination, int offset) =>
        Avx512F.ConvertToVector128SByte(Vector512.Min(Vector512.Max(v, min), max)).StoreUnsafe(ref destination, (nuint)offset);

    /// <summary>Whether elementwise kernels take their 16-lane (AVX-512F) path.</summary>
    public static bool Widest => Wide && ChannelRequantization16.IsSupported;

    /// <summary>Whether elementwise kernels take their 8-lane (AVX2) path.</summary>
    public static bool Wide => Enabled && Avx2.IsSupported;

    /// <summary>Whether elementwise kernels take their 16-lane path.</summary>
    public static bool Enabled => RuntimeFeatures.UseVectorization && Vector128.IsHardwareAccelerated;
}
