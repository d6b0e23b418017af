namespace MicroBackbone.Ir.Planning;

/// <summary>
/// Tensors that are a contiguous run of whole rows of another batch-1 NHWC tensor and can therefore live inside it
/// instead of in a buffer of their own: the output of a StridedSlice that keeps whole rows (all of W and C, stride 1)
/// of an activation, and each input of an H-axis Concatenation that only the concatenation reads, made by an
/// operator, with the output's quantization (the copy then moves every byte onto itself). The patch schedule
/// (<c>Passes.PatchRewrite</c>) is made of exactly these: band inputs sliced from the graph input, band
/// outputs concatenated into the split tensor.
/// </summary>
public static class RowViews
{
    /// <summary>For each view tensor id: the tensor it lives in and its byte offset there.</summary>
    public static IReadOnlyDictionary<int, (int Parent, long Offset)> Find(IrGraph graph)
    {
        var views = new Dictionary<int, (int Parent, long Offset)>();
        var consumers = graph.ConsumerIndices();
        var producers = graph.ProducerIndex();
        var pinned = new HashSet<int>(graph.Inputs.Concat(graph.Outputs));
        foreach (var op in graph.Operators)
        {
            if (op.Kind == IrOpKind.StridedSlice && op.Attributes is StridedSliceAttributes s)
            {
                var x = graph.Tensor(op.Inputs[0]);
                var y = graph.Tensor(op.Outputs[0]);
                if (!x.IsConstant && IsRowTensor(x) && !pinned.Contains(y.Id) && s.Strides.All(v => v == 1)
                    && s.Begin[0] == 0 && s.Begin[2] == 0 && s.Begin[3] == 0 && s.Size[0] == 1 && s.Size[2] == x.Shape[2] && s.Size[3] == x.Shape[3]
                    && SameQuant(x, y))
                {
                    views[y.Id] = (x.Id, RowBytes(x) * s.Begin[1]);
                }
            }
            else if (op.Kind == IrOpKind.Concatenation && op.Attributes is ConcatenationAttributes { Axis: 1 })
            {
                var y = graph.Tensor(op.Outputs[0]);
                var inputs = op.Inputs.Select(graph.Tensor).ToList();
                if (!IsRowTensor(y) || op.Inputs.Distinct().Count() != op.Inputs.Count
                    || inputs.Any(t => t.IsConstant || pinned.Contains(t.Id) || !producers.ContainsKey(t.Id) || consumers[t.Id].Count != 1 || !SameQuant(t, y)
                        || views.ContainsKey(t.Id)))
                {
                    continue;
                }

                long offset = 0;
                foreach (var t in inputs)
                {
                    views[t.Id] = (y.Id, offset);
                    offset += t.ByteSize;
                }
            }
        }

        // A tensor lives in at most one other (a slice that feeds a concatenation keeps its slice view, and that
        // concatenation copies). A view of a view would need nested placement; keep only views of tensors that own
        // their bytes.
        return views.Where(v => !views.ContainsKey(v.Value.Parent)).ToDictionary(v => v.Key, v => v.Value);
    }

    private static bool IsRowTensor(IrTensor t) => t.Shape.Count == 4 && t.Shape[0] == 1;

    private static long RowBytes(IrTensor t) => t.ByteSize / t.Shape[1];

    private static bool SameQuant(IrTensor a, IrTensor b) => a.DataType == b.DataType && Equals(a.Quant, b.Quant);
}
