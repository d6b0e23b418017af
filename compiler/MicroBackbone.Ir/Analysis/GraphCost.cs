namespace MicroBackbone.Ir;

/// <summary>
/// What one inference of a graph costs, by the usual convention: multiply-accumulates of convolutions and fully
/// connected layers (element-wise ops and pooling are not counted), and the bytes of its constants.
/// </summary>
/// <param name="Operators">Operators in the graph.</param>
/// <param name="Macs">Multiply-accumulates of one inference.</param>
/// <param name="ConstantBytes">Bytes of weights, biases and other constant tensors.</param>
public sealed record GraphCost(int Operators, long Macs, long ConstantBytes)
{
    /// <summary>Measures <paramref name="graph"/>.</summary>
    public static GraphCost Of(IrGraph graph)
    {
        long macs = graph.Operators.Sum(op => MacsOf(graph, op));
        long constants = graph.Tensors.Where(t => t.IsConstant).Sum(t => t.ByteSize);
        return new GraphCost(graph.Operators.Count, macs, constants);
    }

    /// <summary>Multiply-accumulates of one operator of <paramref name="graph"/> (0 for ops that are not counted).</summary>
    public static long MacsOf(IrGraph graph, IrOperator op)
    {
        IrTensor output = graph.Tensor(op.Outputs[0]);
        switch (op.Kind)
        {
            case IrOpKind.Conv2D:
                {
                    // OHWI: every output element reads kh * kw * I weights.
                    var w = graph.Tensor(op.Inputs[1]).Shape;
                    return output.ElementCount * w[1] * w[2] * w[3];
                }

            case IrOpKind.DepthwiseConv2D:
                {
                    var w = graph.Tensor(op.Inputs[1]).Shape;
                    return output.ElementCount * w[1] * w[2];
                }

            case IrOpKind.FullyConnected:
                return output.ElementCount * graph.Tensor(op.Inputs[1]).Shape[1];

            case IrOpKind.TransposeConv2D:
                {
                    // Every input element meets every filter tap of every output channel (taps cut off still count).
                    var w = graph.Tensor(op.Inputs[1]).Shape;
                    return graph.Tensor(op.Inputs[0]).ElementCount * w[0] * w[1] * w[2];
                }

            default:
                return 0;
        }
    }
}
