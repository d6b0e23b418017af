namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Transpose as a strided copy (reference/transpose.h TransposeImpl: out[i] = in[i permuted]).</summary>
public static class Transpose
{
    /// <summary>Output dimension i walks input dimension <paramref name="permutation"/>[i].</summary>
    public static StridedCopyParams Prepare(IReadOnlyList<int> inputShape, IReadOnlyList<int> permutation)
    {
        if (permutation.Count != inputShape.Count || !permutation.OrderBy(v => v).SequenceEqual(Enumerable.Range(0, inputShape.Count)))
        {
            throw new QuantizationException($"transpose permutation [{string.Join(", ", permutation)}] must order dimensions 0..{inputShape.Count - 1}");
        }

        var inStrides = StridedCopyParams.RowMajorStrides(inputShape);
        var outShape = permutation.Select(p => inputShape[p]).ToArray();
        return StridedCopyParams.Create(outShape, permutation.Select(p => inStrides[p]).ToArray(), StridedCopyParams.RowMajorStrides(outShape), 0, 0);
    }

    /// <summary>Copies every element to its permuted place.</summary>
    public static void Eval(StridedCopyParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output) => StridedCopy.Eval(p, input, output);
}
