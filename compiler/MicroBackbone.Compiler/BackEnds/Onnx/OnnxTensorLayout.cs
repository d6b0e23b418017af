namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// The layout change at the ONNX boundary: rank-4 IR tensors are NHWC, their ONNX values NCHW; every other rank keeps
/// its IR layout. Also permutes constant data (OHWI to OIHW and the like).
/// </summary>
internal static class OnnxTensorLayout
{
    /// <summary>ONNX Transpose permutation taking NHWC to NCHW.</summary>
    public static readonly long[] NhwcToNchw = { 0, 3, 1, 2 };

    /// <summary>ONNX Transpose permutation taking NCHW to NHWC.</summary>
    public static readonly long[] NchwToNhwc = { 0, 2, 3, 1 };

    /// <summary>The ONNX shape of an IR tensor: NCHW for rank 4, unchanged otherwise.</summary>
    public static long[] OnnxShape(IReadOnlyList<int> irShape) => irShape.Count == 4
        ? new long[] { irShape[0], irShape[3], irShape[1], irShape[2] }
        : irShape.Select(d => (long)d).ToArray();

    /// <summary>
    /// True when an NHWC shape and its NCHW form list the elements in the same row-major order (C is 1, or H and W
    /// are both 1), so a reshape needs no transpose.
    /// </summary>
    public static bool OrdersAgree(IReadOnlyList<int> nhwc) => nhwc[3] == 1 || (nhwc[1] == 1 && nhwc[2] == 1);

    /// <summary>
    /// Permutes row-major <paramref name="data"/> of <paramref name="shape"/> like ONNX Transpose:
    /// output dimension i is input dimension <paramref name="perm"/>[i].
    /// </summary>
    public static (T[] Data, int[] Shape) Permute<T>(T[] data, IReadOnlyList<int> shape, IReadOnlyList<int> perm)
    {
        var rank = shape.Count;
        var outShape = perm.Select(p => shape[p]).ToArray();
        var inStrides = new int[rank];
        var stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            inStrides[d] = stride;
            stride *= shape[d];
        }

        var result = new T[data.Length];
        var index = new int[rank];
        for (var i = 0; i < result.Length; i++)
        {
            var source = 0;
            for (var d = 0; d < rank; d++)
            {
                source += index[d] * inStrides[perm[d]];
            }

            result[i] = data[source];
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < outShape[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }

        return (result, outShape);
    }
}
