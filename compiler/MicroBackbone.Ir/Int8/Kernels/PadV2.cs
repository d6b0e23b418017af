namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared PADV2: the fill value and the walk that places the input inside the output.</summary>
public sealed class PadV2Params
{
    private PadV2Params(StridedCopyParams copy, sbyte fill, long outputCount)
    {
        Copy = copy;
        Fill = fill;
        OutputCount = outputCount;
    }

    /// <summary>Where each input element goes.</summary>
    public StridedCopyParams Copy { get; }

    /// <summary>The stored value of the border (TFLM pad.cc: the constant tensor's int8 value, else the output zero point).</summary>
    public sbyte Fill { get; }

    /// <summary>Elements of the output.</summary>
    public long OutputCount { get; }

    /// <summary>
    /// Prepares a pad of any rank up to <see cref="StridedCopyParams.MaxRank"/>. Like TFLM's PAD/PADV2, values are
    /// copied unchanged; <paramref name="fill"/> is the stored int8 of the value tensor.
    /// </summary>
    public static PadV2Params Prepare(IReadOnlyList<int> inputShape, IReadOnlyList<int> before, IReadOnlyList<int> after, sbyte fill)
    {
        int rank = inputShape.Count;
        if (before.Count != rank || after.Count != rank || before.Any(v => v < 0) || after.Any(v => v < 0))
        {
            throw new QuantizationException($"pad amounts must be {rank} non-negative values before and after");
        }

        var outShape = inputShape.Select((v, d) => checked(v + before[d] + after[d])).ToArray();
        var outStrides = StridedCopyParams.RowMajorStrides(outShape);
        long offset = 0;
        for (int d = 0; d < rank; d++)
        {
            offset += (long)before[d] * outStrides[d];
        }

        var copy = StridedCopyParams.Create(inputShape, StridedCopyParams.RowMajorStrides(inputShape), outStrides, 0, checked((int)offset));
        return new PadV2Params(copy, fill, outShape.Aggregate(1L, (a, v) => a * v));
    }
}

/// <summary>int8 constant padding of any rank (reference/pad.h PadImpl with an explicit pad value).</summary>
public static class PadV2
{
    /// <summary>Fills the output, then copies the input into its place.</summary>
    public static void Eval(PadV2Params p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        output.Fill(p.Fill);
        StridedCopy.Eval(p.Copy, input, output);
    }
}
