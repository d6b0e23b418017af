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
        long macs = 0;
        foreach (IrOperator op in graph.Operators)
        {
            IrTensor output = graph.Tensor(op.Outputs[0]);
            switch (op.Kind)
            {
                case IrOpKind.Conv2D:
                    {
                        // OHWI: every output element reads kh * kw * I weights.
                        var w = graph.Tensor(op.Inputs[1]).Shape;
                        macs += output.ElementCount * w[1] * w[2] * w[3];
                        break;
                    }

                case IrOpKind.DepthwiseConv2D:
                    {
                        var w = graph.Tensor(op.Inputs[1]).Shape;
                        macs += output.ElementCount * w[1] * w[2];
                        break;
                    }

                case IrOpKind.FullyConnected:
                    macs += output.ElementCount * graph.Tensor(op.Inputs[1]).Shape[1];
                    break;
            }
        }
        long constants = graph.Tensors.Where(t => t.IsConstant).Sum(t => t.ByteSize);
        return new GraphCost(graph.Operators.Count, macs, constants);
    }
}
