using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime;

/// <summary>Widening loads and narrowing stores of 16 int8 values as four int32 vectors, for elementwise kernels.</summary>
internal static class ElementwiseVector
{
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

    /// <summary>Lets tests compare the 16-lane path with the 8-lane one on machines with AVX-512.</summary>
    internal static bool AllowAvx512 { get; set; } = true;

    /// <summary>Whether elementwise kernels take their 16-lane (AVX-512F) path.</summary>
    public static bool Widest => Wide && AllowAvx512 && Avx512F.IsSupported;

    /// <summary>Whether elementwise kernels take their 8-lane (AVX2) path.</summary>
    public static bool Wide => Enabled && Avx2.IsSupported;

    /// <summary>Whether elementwise kernels take their 16-lane path.</summary>
    public static bool Enabled => RuntimeFeatures.UseVectorization && Vector128.IsHardwareAccelerated;
}
