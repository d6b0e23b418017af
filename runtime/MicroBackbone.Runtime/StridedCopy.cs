namespace MicroBackbone.Runtime;

/// <summary>
/// The layout operators (Transpose, StridedSlice, Concatenation, PadV2) as one walk over a box of six dimensions:
/// out[outputOffset + Σ i_d * outStride_d] = in[inputOffset + Σ i_d * inStride_d], values unchanged (exact).
/// </summary>
public static class StridedCopy
{
    /// <summary>Dimensions of a walk.</summary>
    public const int Rank = 6;

    /// <summary>
    /// Runs the walk. <paramref name="walk"/> holds 18 integers: the box size per dimension (outermost first), then
    /// the input strides, then the output strides, as the compiler prepared them (contiguous dimensions merged, so an
    /// innermost run with both strides 1 is one block copy).
    /// </summary>
    public static void Run(ReadOnlySpan<int> walk, int inputOffset, int outputOffset, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Check.Length(walk.Length, 3 * Rank, "strided copy walk");
        ReadOnlySpan<int> n = walk.Slice(0, Rank);
        ReadOnlySpan<int> si = walk.Slice(Rank, Rank);
        ReadOnlySpan<int> so = walk.Slice(2 * Rank, Rank);
        int run = n[5], stepIn = si[5], stepOut = so[5];
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
                            int a = inputOffset + (i0 * si[0]) + (i1 * si[1]) + (i2 * si[2]) + (i3 * si[3]) + (i4 * si[4]);
                            int b = outputOffset + (i0 * so[0]) + (i1 * so[1]) + (i2 * so[2]) + (i3 * so[3]) + (i4 * so[4]);
                            if (stepIn == 1 && stepOut == 1)
                            {
                                input.Slice(a, run).CopyTo(output.Slice(b, run));
                                continue;
                            }

                            for (int i5 = 0; i5 < run; i5++)
                            {
                                output[b + (i5 * stepOut)] = input[a + (i5 * stepIn)];
                            }
                        }
                    }
                }
            }
        }
    }
}
