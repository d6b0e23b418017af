namespace MicroBackbone.Ir.Passes;

/// <summary>
/// Marks operators whose output may be written over one of its inputs (<see cref="IrOperator.InPlaceInput"/>):
/// elementwise ops (activations, Add, Mul) and Reshape, when that input is an activation whose last reader is this
/// operator, has the output's exact shape and byte size, and is neither a graph input nor a graph output.
/// Element i of the output depends only on element i of the input, so a kernel that reads before it writes each
/// element stays correct. Shift is marked under the same conditions: out[y, x] reads in[y + dy, x + dx], so a kernel
/// writing in place walks each channel away from the cells it reads (the C kernel does; back ends without such a
/// kernel must not run this pass). In MicroSign-Edge blocks this keeps the expansion output and the shifted copy
/// from being live together, the largest pair of tensors in the network.
/// Pooling, convolutions, Pad, Softmax and Quantize/Dequantize are never marked.
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
            if ((IsElementwise(op.Kind) || op.Kind == IrOpKind.Shift) && op.Outputs.Count == 1)
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
