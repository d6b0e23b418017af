namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// The addressing every layout operator reduces to (Transpose, StridedSlice, Concatenation, PadV2): walk a box of up
/// to <see cref="MaxRank"/> dimensions and copy in[inputOffset + Σ i_d * inputStride_d] to
/// out[outputOffset + Σ i_d * outputStride_d]. Values are copied unchanged, so the result is exact in every back end;
/// the C and C# kernels take these integers as they are.
/// </summary>
public sealed class StridedCopyParams
{
    /// <summary>Dimensions of the prepared box (leading ones are 1).</summary>
    public const int MaxRank = 6;

    private StridedCopyParams(int[] dims, int[] inputStrides, int[] outputStrides, int inputOffset, int outputOffset)
    {
        Dims = dims;
        InputStrides = inputStrides;
        OutputStrides = outputStrides;
        InputOffset = inputOffset;
        OutputOffset = outputOffset;
    }

    /// <summary>Box size per dimension, outermost first; always <see cref="MaxRank"/> entries.</summary>
    public IReadOnlyList<int> Dims { get; }

    /// <summary>Input element step per dimension (negative for reversed slices).</summary>
    public IReadOnlyList<int> InputStrides { get; }

    /// <summary>Output element step per dimension.</summary>
    public IReadOnlyList<int> OutputStrides { get; }

    /// <summary>Input element of box index 0.</summary>
    public int InputOffset { get; }

    /// <summary>Output element of box index 0.</summary>
    public int OutputOffset { get; }

    /// <summary>Elements copied.</summary>
    public long Count => Dims.Aggregate(1L, (a, d) => a * d);

    /// <summary>
    /// A box over <paramref name="dims"/> (at most <see cref="MaxRank"/>). Size-1 dimensions are dropped and
    /// neighbours that are contiguous in both tensors merged (the same walk, fewer loops), so the innermost dimension
    /// is a plain run wherever the layout allows.
    /// </summary>
    public static StridedCopyParams Create(IReadOnlyList<int> dims, IReadOnlyList<int> inputStrides, IReadOnlyList<int> outputStrides, int inputOffset, int outputOffset)
    {
        if (dims.Count > MaxRank || inputStrides.Count != dims.Count || outputStrides.Count != dims.Count || dims.Any(d => d < 1))
        {
            throw new QuantizationException($"a strided copy takes 1 to {MaxRank} dimensions >= 1 with one stride each, got {dims.Count}");
        }

        var d = new List<int>();
        var si = new List<int>();
        var so = new List<int>();
        for (var k = 0; k < dims.Count; k++)
        {
            if (dims[k] == 1)
            {
                continue;
            }

            int last = d.Count - 1;
            if (last >= 0 && si[last] == (long)inputStrides[k] * dims[k] && so[last] == (long)outputStrides[k] * dims[k])
            {
                d[last] = checked(d[last] * dims[k]);
                si[last] = inputStrides[k];
                so[last] = outputStrides[k];
                continue;
            }

            d.Add(dims[k]);
            si.Add(inputStrides[k]);
            so.Add(outputStrides[k]);
        }

        while (d.Count < MaxRank)
        {
            d.Insert(0, 1);
            si.Insert(0, 0);
            so.Insert(0, 0);
        }

        return new StridedCopyParams(d.ToArray(), si.ToArray(), so.ToArray(), inputOffset, outputOffset);
    }

    /// <summary>Row-major element strides of <paramref name="shape"/>.</summary>
    public static int[] RowMajorStrides(IReadOnlyList<int> shape)
    {
        var strides = new int[shape.Count];
        long s = 1;
        for (var d = shape.Count - 1; d >= 0; d--)
        {
            strides[d] = checked((int)s);
            s *= shape[d];
        }

        return strides;
    }
}

/// <summary>Runs a <see cref="StridedCopyParams"/> walk (any element type: the float kernels share it).</summary>
public static class StridedCopy
{
    /// <summary>Copies the box; bounds are checked by the spans.</summary>
    public static void Eval<T>(StridedCopyParams p, ReadOnlySpan<T> input, Span<T> output)
    {
        var n = p.Dims;
        var si = p.InputStrides;
        var so = p.OutputStrides;
        for (int i0 = 0; i0 < n[0]; i0++)
        {
            for (int i1 = 0; i1 < n[1]; i1++)
            {
                for (int i2 = 0; i2 < n[2]; i2++)
                {
                    for (int i3 = 0; i3 < n[3]; i3++)
                    {
                        for (int i4 = 0; i4 < n[4]; i4++)
                        {
                            int a = p.InputOffset + (i0 * si[0]) + (i1 * si[1]) + (i2 * si[2]) + (i3 * si[3]) + (i4 * si[4]);
                            int b = p.OutputOffset + (i0 * so[0]) + (i1 * so[1]) + (i2 * so[2]) + (i3 * so[3]) + (i4 * so[4]);
                            for (int i5 = 0; i5 < n[5]; i5++)
                            {
                                output[b + (i5 * so[5])] = input[a + (i5 * si[5])];
                            }
                        }
                    }
                }
            }
        }
    }
}
