using MicroBackbone.Ir.Planning.Patching;

namespace MicroBackbone.Ir.Passes;

/// <summary>
/// Rewrites the segment of a <see cref="PatchSchedule"/> into its band schedule, unrolled in the IR: per band, a
/// StridedSlice of the input rows its receptive field needs (a view of the input when the memory planner sees it,
/// see <see cref="Planning.RowViews"/>), then each segment operator on band tensors with only its top/bottom padding
/// changed, and finally one Concatenation along H of the bands' last outputs into the original split tensor (each
/// band output a view of it). Every back end and the interpreter run the result unchanged; the memory planner places
/// the band tensors, which are short-lived, so the large early tensors are never whole.
/// </summary>
public static class PatchRewrite
{
    /// <summary>The graph with the schedule's segment replaced by its bands (the graph the schedule was built on).</summary>
    public static IrGraph Apply(IrGraph graph, PatchSchedule schedule)
    {
        var segment = schedule.SegmentOperators.ToList();
        var removed = new HashSet<int>(segment);
        var tensors = graph.Tensors.ToList();
        var nextId = tensors.Max(t => t.Id) + 1;
        var bandOps = new List<IrOperator>();
        var bandOutputs = new List<int>();
        var input = graph.Tensor(schedule.Chain.Input);
        for (var b = 0; b < schedule.BandCount; b++)
        {
            var steps = schedule.Bands[b];
            var current = input.Id;
            if (steps[0].Input.Count != input.Shape[1])
            {
                var slice = Band(input, steps[0].Input, nextId++, b);
                tensors.Add(slice);
                var s = input.Shape;
                bandOps.Add(new IrOperator(
                    IrOpKind.StridedSlice,
                    $"{input.Name}/band{b}",
                    EquatableArray.Of(input.Id),
                    EquatableArray.Of(slice.Id),
                    new StridedSliceAttributes(
                        EquatableArray.Of(0, steps[0].Input.Start, 0, 0),
                        EquatableArray.Of(1, steps[0].Input.Count, s[2], s[3]),
                        EquatableArray.Of(1, 1, 1, 1))));
                current = slice.Id;
            }

            foreach (var step in steps)
            {
                var op = graph.Operators[step.OperatorIndex];
                var output = Band(graph.Tensor(op.Outputs[0]), step.Output, nextId++, b);
                tensors.Add(output);
                bandOps.Add(op with
                {
                    Name = $"{op.Name}/band{b}",
                    Inputs = new EquatableArray<int>(new[] { current }.Concat(op.Inputs.Skip(1))),
                    Outputs = EquatableArray.Of(output.Id),
                    Attributes = WithRowPadding(op, step.PadTop, step.PadBottom),
                    InPlaceInput = null,
                });
                current = output.Id;
            }

            bandOutputs.Add(current);
        }

        var split = graph.Tensor(schedule.SplitTensor);
        bandOps.Add(new IrOperator(
            IrOpKind.Concatenation,
            $"{split.Name}/bands",
            new EquatableArray<int>(bandOutputs),
            EquatableArray.Of(split.Id),
            new ConcatenationAttributes(1)));

        var operators = new List<IrOperator>();
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            if (i == segment[0])
            {
                operators.AddRange(bandOps);
            }

            if (!removed.Contains(i))
            {
                operators.Add(graph.Operators[i]);
            }
        }

        return graph.With(tensors, operators);
    }

    private static IrTensor Band(IrTensor whole, RowSpan rows, int id, int band) => whole with
    {
        Id = id,
        Name = $"{whole.Name}/band{band}",
        Shape = EquatableArray.Of(whole.Shape[0], rows.Count, whole.Shape[2], whole.Shape[3]),
    };

    private static IrAttributes? WithRowPadding(IrOperator op, int top, int bottom) => op.Attributes switch
    {
        Conv2DAttributes a => a with { Padding = a.Padding with { Top = top, Bottom = bottom } },
        DepthwiseConv2DAttributes a => a with { Padding = a.Padding with { Top = top, Bottom = bottom } },
        Pool2DAttributes a => a with { Padding = a.Padding with { Top = top, Bottom = bottom } },
        PadAttributes a => a with { Padding = a.Padding with { Top = top, Bottom = bottom } },
        var other => other,
    };
}
