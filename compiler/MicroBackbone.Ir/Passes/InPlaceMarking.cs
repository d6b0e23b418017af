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
/// A stride-1 "same" depthwise convolution is marked too (<see cref="IsRowLocalDepthwise"/>): the C kernel keeps a
/// ring of saved input rows instead of a second tensor. Pooling, other convolutions, Pad, Softmax and
/// Quantize/Dequantize are never marked.
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
            if ((IsElementwise(op.Kind) || op.Kind == IrOpKind.Shift || IsRowLocalDepthwise(graph, op)) && op.Outputs.Count == 1)
            {
                var output = graph.Tensor(op.Outputs[0]);
                foreach (var id in op.Kind == IrOpKind.DepthwiseConv2D ? op.Inputs.Take(1) : op.Inputs.Distinct())
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

    /// <summary>
    /// A depthwise convolution that a kernel can run over its own input with a few saved rows (TinyEngine's trick):
    /// stride 1, no dilation, depth multiplier 1, "same" padding (k = 2 * pad + 1 both ways). Output row y needs input
    /// rows y - pad .. y + pad; rows up to y are read from a ring of pad + 1 saved rows, the ones below are intact.
    /// </summary>
    public static bool IsRowLocalDepthwise(IrGraph graph, IrOperator op)
    {
        if (op.Kind != IrOpKind.DepthwiseConv2D || op.Attributes is not DepthwiseConv2DAttributes a)
        {
            return false;
        }

        var w = graph.Tensor(op.Inputs[1]).Shape;
        var p = a.Padding;
        return a.StrideH == 1 && a.StrideW == 1 && a.DilationH == 1 && a.DilationW == 1 && a.DepthMultiplier == 1
            && p.Top == p.Bottom && p.Left == p.Right && w[1] == (2 * p.Top) + 1 && w[2] == (2 * p.Left) + 1;
    }

    /// <summary>True for kinds whose output element i depends only on input element i (same memory order).</summary>
    public static bool IsElementwise(IrOpKind kind) =>
        kind.IsActivation() || kind is IrOpKind.Add or IrOpKind.Mul or IrOpKind.Reshape;
}
