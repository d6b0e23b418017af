namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>
/// A patch schedule: the first <see cref="SegmentLength"/> operators of a <see cref="PatchChain"/> run band by band,
/// each band of the split tensor's rows made from its receptive field in the graph input, and written into the whole
/// split tensor. Pure schedule: every band step is the original kernel on fewer rows.
/// </summary>
public sealed class PatchSchedule
{
    private PatchSchedule(IrGraph graph, PatchChain chain, int segmentLength, IReadOnlyList<IReadOnlyList<BandStep>> bands)
    {
        Chain = chain;
        SegmentLength = segmentLength;
        Bands = bands;
        var ops = chain.OperatorIndices.Take(segmentLength).ToList();
        SplitTensor = graph.Operators[ops[ops.Count - 1]].Outputs[0];
        OriginalMacs = ops.Sum(i => GraphCost.MacsOf(graph, graph.Operators[i]));
        PatchedMacs = bands.Sum(band => band.Sum(s => MacsPerRow(graph, s.OperatorIndex) * s.Output.Count));
        long whole = graph.Tensor(chain.Input).ByteSize + graph.Tensor(SplitTensor).ByteSize;
        long buffers = 0;
        foreach (var band in bands)
        {
            for (var i = 0; i < band.Count; i++)
            {
                // While layer i runs, its band input (unless it is the graph input) and its band output (unless it
                // is the split tensor) are live besides the two whole tensors.
                long live = (i > 0 ? BandBytes(graph, band[i].OperatorIndex, band[i].Input, input: true) : 0)
                    + (i < band.Count - 1 ? BandBytes(graph, band[i].OperatorIndex, band[i].Output, input: false) : 0);
                buffers = Math.Max(buffers, live);
            }
        }

        EstimatedSegmentPeakBytes = whole + buffers;
    }

    /// <summary>The chain the segment is a prefix of.</summary>
    public PatchChain Chain { get; }

    /// <summary>Operators of the chain run patch by patch.</summary>
    public int SegmentLength { get; }

    /// <summary>The tensor made whole at the end of the segment (output of its last operator).</summary>
    public int SplitTensor { get; }

    /// <summary>Per band, one step per segment operator, in chain order.</summary>
    public IReadOnlyList<IReadOnlyList<BandStep>> Bands { get; }

    /// <summary>Number of row bands.</summary>
    public int BandCount => Bands.Count;

    /// <summary>The segment's operator indices in order.</summary>
    public IEnumerable<int> SegmentOperators => Chain.OperatorIndices.Take(SegmentLength);

    /// <summary>MACs of the segment run whole.</summary>
    public long OriginalMacs { get; }

    /// <summary>MACs of the segment run band by band (overlapping rows computed again).</summary>
    public long PatchedMacs { get; }

    /// <summary>MACs computed more than once: <see cref="PatchedMacs"/> − <see cref="OriginalMacs"/>.</summary>
    public long RecomputeMacs => PatchedMacs - OriginalMacs;

    /// <summary>
    /// Bytes live at the worst moment of the segment: the whole graph input and split tensor plus the largest pair of
    /// band buffers (one layer's band input and band output), unaligned and without in-place reuse.
    /// </summary>
    public long EstimatedSegmentPeakBytes { get; }

    /// <summary>
    /// Splits the output of chain operator <paramref name="segmentLength"/> − 1 into <paramref name="bandCount"/> bands
    /// of near-equal height and walks each band back to the graph input. Null when some band would read no row of
    /// some tensor (a band lying wholly in padding), which the kernels cannot run.
    /// </summary>
    public static PatchSchedule? Build(IrGraph graph, PatchChain chain, int segmentLength, int bandCount)
    {
        if (segmentLength < 1 || segmentLength > chain.Length || bandCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(segmentLength), $"segment of {segmentLength} operators and {bandCount} bands on a chain of {chain.Length}");
        }

        var ops = chain.OperatorIndices.Take(segmentLength).ToList();
        var height = graph.Tensor(graph.Operators[ops[ops.Count - 1]].Outputs[0]).Shape[1];
        if (bandCount > height)
        {
            return null;
        }

        var bands = new List<IReadOnlyList<BandStep>>();
        for (var b = 0; b < bandCount; b++)
        {
            var rows = new RowSpan(b * height / bandCount, (b + 1) * height / bandCount);
            var steps = new BandStep[ops.Count];
            for (var i = ops.Count - 1; i >= 0; i--)
            {
                steps[i] = RowFootprint.Step(graph, ops[i], rows);
                if (steps[i].Input.Count == 0)
                {
                    return null;
                }

                rows = steps[i].Input;
            }

            bands.Add(steps);
        }

        return new PatchSchedule(graph, chain, segmentLength, bands);
    }

    /// <summary>Short description: split tensor, bands, MACs.</summary>
    public override string ToString() =>
        $"{SegmentLength} operators in {BandCount} bands, {OriginalMacs} + {RecomputeMacs} recomputed MACs";

    private static long MacsPerRow(IrGraph graph, int operatorIndex)
    {
        var op = graph.Operators[operatorIndex];
        return GraphCost.MacsOf(graph, op) / graph.Tensor(op.Outputs[0]).Shape[1];
    }

    private static long BandBytes(IrGraph graph, int operatorIndex, RowSpan rows, bool input)
    {
        var op = graph.Operators[operatorIndex];
        var t = graph.Tensor(input ? op.Inputs[0] : op.Outputs[0]);
        return t.ByteSize / t.Shape[1] * rows.Count;
    }
}
