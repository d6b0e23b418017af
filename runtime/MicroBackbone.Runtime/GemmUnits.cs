using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime;

/// <summary>
/// How <see cref="PackedGemm"/> multiplies one 32-bit unit of a staged input row with one 32-bit unit of packed
/// weights per output lane: the instruction-set-specific part of the kernel.
/// </summary>
internal interface IGemmUnit
{
    /// <summary>Input values per 32-bit unit.</summary>
    static abstract int Width { get; }

    /// <summary>Converts a row of int8 values into units (the last unit's unused values are 0).</summary>
    static abstract void Stage(ReadOnlySpan<sbyte> row, Span<int> units);

    /// <summary>One packed weight unit from the Width weights starting at <paramref name="weights"/>.</summary>
    static abstract int Pack(ref sbyte weights);

    /// <summary>What the staged form adds to an output's sum, given the sum of its weights (removed from the bias).</summary>
    static abstract int StagingOffset(int weightSum);

    /// <summary>acc + the unit products of x (one unit broadcast) and w (one unit per output lane).</summary>
    static abstract Vector256<int> Accumulate(Vector256<int> acc, Vector256<int> x, Vector256<int> w);
}

#if NET9_0_OR_GREATER
/// <summary>
/// AVX-VNNI (stable from .NET 9; the net8.0 build uses <see cref="Int16Pairs"/>): four int8 values per unit. VPDPBUSD multiplies unsigned by signed bytes and sums four products into
/// int32 without saturation, so inputs are staged as x + 128 (an exact XOR of the sign bit) and 128 * sum(w) is
/// taken off the bias: the int32 sum is the same as the scalar one, bit for bit.
/// </summary>
internal readonly struct VnniQuads : IGemmUnit
{
    public static int Width => 4;

    public static void Stage(ReadOnlySpan<sbyte> row, Span<int> units)
    {
        int length = row.Length;
        ref byte x = ref Unsafe.As<sbyte, byte>(ref MemoryMarshal.GetReference(row));
        ref byte b = ref Unsafe.As<int, byte>(ref MemoryMarshal.GetReference(units));
        int i = 0;
        for (; i <= length - 32; i += 32)
        {
            (Vector256.LoadUnsafe(ref x, (nuint)i) ^ Vector256.Create((byte)0x80)).StoreUnsafe(ref b, (nuint)i);
        }

        if (i <= length - 16)
        {
            (Vector128.LoadUnsafe(ref x, (nuint)i) ^ Vector128.Create((byte)0x80)).StoreUnsafe(ref b, (nuint)i);
            i += 16;
        }

        for (; i <= length - 4; i += 4)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, i), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref x, i)) ^ 0x80808080u);
        }

        if (i < length)
        {
            // The last, partial unit: its missing values meet zero weights.
            uint last = 0;
            for (int k = 0; i + k < length; k++)
            {
                last |= (uint)(Unsafe.Add(ref x, i + k) ^ 0x80) << (8 * k);
            }

            Unsafe.WriteUnaligned(ref Unsafe.Add(ref b, i), last);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Pack(ref sbyte weights) => Unsafe.ReadUnaligned<int>(ref Unsafe.As<sbyte, byte>(ref weights));

    public static int StagingOffset(int weightSum) => unchecked(128 * weightSum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Accumulate(Vector256<int> acc, Vector256<int> x, Vector256<int> w) =>
        AvxVnni.MultiplyWideningAndAdd(acc, x.AsByte(), w.AsSByte());
}
#endif

/// <summary>
/// AVX2: two int16 values per unit. VPMADDWD adds two exact int8 x int8 products into each int32 lane; no offset.
/// </summary>
internal readonly struct Int16Pairs : IGemmUnit
{
    public static int Width => 2;

    public static void Stage(ReadOnlySpan<sbyte> row, Span<int> units)
    {
        int length = row.Length;
        ref sbyte x = ref MemoryMarshal.GetReference(row);
        ref short v = ref Unsafe.As<int, short>(ref MemoryMarshal.GetReference(units));
        int i = 0;
        for (; i <= length - 16; i += 16)
        {
            Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref v, (nuint)i);
        }

        if (i <= length - 8)
        {
            Sse41.ConvertToVector128Int16(Int8Dot.Load8(ref x, i)).StoreUnsafe(ref v, (nuint)i);
            i += 8;
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref v, i) = Unsafe.Add(ref x, i);
        }

        if ((length & 1) != 0)
        {
            // The last, partial unit: its missing value meets a zero weight.
            Unsafe.Add(ref v, length) = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Pack(ref sbyte weights)
    {
        uint low = (ushort)weights;
        uint high = (ushort)Unsafe.Add(ref weights, 1);
        return unchecked((int)(low | (high << 16)));
    }

    public static int StagingOffset(int weightSum) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Accumulate(Vector256<int> acc, Vector256<int> x, Vector256<int> w) =>
        acc + Avx2.MultiplyAddAdjacent(x.AsInt16(), w.AsInt16());
}
