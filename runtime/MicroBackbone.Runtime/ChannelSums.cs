using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>Sums of int8 values into int32: per channel (pooling and mean) and over a whole filter.</summary>
internal static class ChannelSums
{
    public static void AddRow(ReadOnlySpan<sbyte> row, Span<int> sums)
    {
        int c = 0;
        if (ElementwiseVector.Enabled)
        {
            ref sbyte r = ref MemoryMarshal.GetReference(row);
            ref int s = ref MemoryMarshal.GetReference(sums);
            for (; c <= row.Length - 16; c += 16)
            {
                ElementwiseVector.Load16(ref r, c, out Vector128<int> v0, out Vector128<int> v1, out Vector128<int> v2, out Vector128<int> v3);
                (Vector128.LoadUnsafe(ref s, (nuint)c) + v0).StoreUnsafe(ref s, (nuint)c);
                (Vector128.LoadUnsafe(ref s, (nuint)(c + 4)) + v1).StoreUnsafe(ref s, (nuint)(c + 4));
                (Vector128.LoadUnsafe(ref s, (nuint)(c + 8)) + v2).StoreUnsafe(ref s, (nuint)(c + 8));
                (Vector128.LoadUnsafe(ref s, (nuint)(c + 12)) + v3).StoreUnsafe(ref s, (nuint)(c + 12));
            }
        }

        for (; c < row.Length; c++)
        {
            sums[c] = unchecked(sums[c] + row[c]);
        }
    }

    /// <summary>The sum of all values of <paramref name="row"/> (the weight sums of filters).</summary>
    public static int Total(ReadOnlySpan<sbyte> row)
    {
        int c = 0;
        int total = 0;
        if (ElementwiseVector.Enabled)
        {
            ref sbyte r = ref MemoryMarshal.GetReference(row);
            Vector128<int> sum = Vector128<int>.Zero;
            for (; c <= row.Length - 16; c += 16)
            {
                ElementwiseVector.Load16(ref r, c, out Vector128<int> v0, out Vector128<int> v1, out Vector128<int> v2, out Vector128<int> v3);
                sum += (v0 + v1) + (v2 + v3);
            }

            total = Vector128.Sum(sum);
        }

        for (; c < row.Length; c++)
        {
            total += row[c];
        }

        return total;
    }
}
