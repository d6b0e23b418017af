namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// A resolved strided window as a strided copy (reference/strided_slice.h and slice.h: out walks
/// begin + k * stride, k &lt; size, per dimension; TFLite's masks and negative indices are resolved by the importer).
/// </summary>
public static class StridedSlice
{
    /// <summary>Prepares the walk; every index read must be inside <paramref name="inputShape"/>.</summary>
    public static StridedCopyParams Prepare(IReadOnlyList<int> inputShape, IReadOnlyList<int> begin, IReadOnlyList<int> size, IReadOnlyList<int> strides)
    {
        int rank = inputShape.Count;
        if (begin.Count != rank || size.Count != rank || strides.Count != rank)
        {
            throw new QuantizationException($"strided slice needs begin, size and strides for each of {rank} dimensions");
        }

        var inStrides = StridedCopyParams.RowMajorStrides(inputShape);
        var walk = new int[rank];
        long offset = 0;
        for (int d = 0; d < rank; d++)
        {
            long last = begin[d] + ((long)(size[d] - 1) * strides[d]);
            if (strides[d] == 0 || size[d] < 1 || begin[d] < 0 || begin[d] >= inputShape[d] || last < 0 || last >= inputShape[d])
            {
                throw new QuantizationException($"strided slice dimension {d}: begin {begin[d]}, size {size[d]}, stride {strides[d]} leave 0..{inputShape[d] - 1}");
            }

            walk[d] = checked(inStrides[d] * strides[d]);
            offset += (long)begin[d] * inStrides[d];
        }

        return StridedCopyParams.Create(size, walk, StridedCopyParams.RowMajorStrides(size), checked((int)offset), 0);
    }

    /// <summary>Copies the window.</summary>
    public static void Eval(StridedCopyParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output) => StridedCopy.Eval(p, input, output);
}
