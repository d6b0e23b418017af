namespace MicroBackbone.Ir.Passes;

/// <summary>
/// Marks operators whose output may be written over one of its inputs (<see cref="IrOperator.InPlaceInput"/>):
/// elementwise ops (activations, Add, Mul) and Reshape, when that input is an activation whose last reader is this
/// operator, has the output's exact shape and byte size, and is neither a graph input nor a graph output.
/// Element i of the output depends only on element i of the input, so a kernel that reads before it writes each
/// element stays correct. Shift is never marked: out[y, x] reads in[y + dy, x + dx], so writing in place would
/// overwrite cells still to be read unless the kernel walks each channel in the direction of its offset.
/// Pooling, convolutions, Pad, Softmax and Quantize/Dequantize are never marked either.
/// </summary>
public static class InPlaceMarking
{
    /// <summary>The graph with <see cref="IrOperator.InPlaceInput"/> set where allowed (and cleared elsewhere).</summary>
    public static IrGraph Run(IrGraph graph)
    {
        var consumers = graph.ConsumerIndices();
        var pinned = new HashSet<int>(graph.Inputs.Concat(graph.Outputs));
        var operators = new List<IrOperator>(graph.Operators.Count);
        for (var i = 0; i < graph.Operators.Count; i++)
        {
            var op = graph.Operators[i];
            int? reuse = null;
            if (IsElementwise(op.Kind) && op.Outputs.Count == 1)
            {
                var output = graph.Tensor(op.Outputs[0]);
                foreach (var id in op.Inputs.Distinct())
                {
                    var input = graph.Tensor(id);
                    if (!input.IsConstant
                        && !pinned.Contains(id)
                        && consumers[id][consumers[id].Count - 1] == i
                        && input.ByteSize == output.ByteSize
                        && (op.Kind == IrOpKind.Reshape || input.Shape == output.Shape))
                    {
                        reuse = id;
                        break;
                    }
                }
            }

            operators.Add(op with { InPlaceInput = reuse });
        }

        return graph.With(graph.Tensors, operators);
    }

    /// <summary>True for kinds whose output element i depends only on input element i (same memory order).</summary>
    public static bool IsElementwise(IrOpKind kind) =>
        kind.IsActivation() || kind is IrOpKind.Add or IrOpKind.Mul or IrOpKind.Reshape;
}
