namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>
/// Receptive-field arithmetic along H for the operators a patch may run: which input rows output rows need. An
/// operator is row-local when an output row band can be made from an input row band with the same kernel and only
/// its top/bottom padding changed: convolutions, depthwise convolutions, pools, spatial Pad and unary element-wise
/// activations on batch-1 NHWC tensors.
/// </summary>
public static class RowFootprint
{
    /// <summary>True when <paramref name="op"/> can run band by band (see the type remarks).</summary>
    public static bool IsRowLocal(IrGraph graph, IrOperator op)
    {
        if (op.Outputs.Count != 1 || graph.Tensor(op.Outputs[0]).Shape.Count != 4 || graph.Tensor(op.Inputs[0]).Shape.Count != 4
            || graph.Tensor(op.Inputs[0]).Shape[0] != 1 || graph.Tensor(op.Inputs[0]).DataType != IrDataType.Int8
            || graph.Tensor(op.Outputs[0]).DataType != IrDataType.Int8)
        {
            return false;
        }

        return op.Kind switch
        {
            IrOpKind.Conv2D or IrOpKind.DepthwiseConv2D or IrOpKind.AveragePool2D or IrOpKind.MaxPool2D or IrOpKind.Pad => true,
            _ => op.Kind.IsActivation() && op.Inputs.Count == 1,
        };
    }

    /// <summary>
    /// The band version of operator <paramref name="operatorIndex"/> making output rows <paramref name="output"/>: the input rows it reads
    /// and the padding rows it adds. Output row o of a window op reads padded rows o·s .. o·s + k_eff − 1, i.e.
    /// input rows o·s − pad_top ..; the part outside [0, H) is the whole tensor's own padding.
    /// </summary>
    public static BandStep Step(IrGraph graph, int operatorIndex, RowSpan output)
    {
        var op = graph.Operators[operatorIndex];
        var inputHeight = graph.Tensor(op.Inputs[0]).Shape[1];
        int first, last; // unclipped input rows [first, last)
        switch (op.Kind)
        {
            case IrOpKind.Pad:
                {
                    var top = op.AttributesAs<PadAttributes>().Padding.Top;
                    first = output.Start - top;
                    last = output.End - top;
                    break;
                }

            case IrOpKind.Conv2D or IrOpKind.DepthwiseConv2D or IrOpKind.AveragePool2D or IrOpKind.MaxPool2D:
                {
                    var (kernel, stride, dilation, padTop) = Window(graph, op);
                    var effective = (dilation * (kernel - 1)) + 1;
                    first = (output.Start * stride) - padTop;
                    last = ((output.End - 1) * stride) - padTop + effective;
                    break;
                }

            default:
                first = output.Start;
                last = output.End;
                break;
        }

        var input = new RowSpan(Math.Max(0, first), Math.Min(inputHeight, last));
        return new BandStep(operatorIndex, input, output, input.Start - first, last - input.End);
    }

    /// <summary>Kernel height, vertical stride, dilation and top padding of a window operator.</summary>
    private static (int Kernel, int Stride, int Dilation, int PadTop) Window(IrGraph graph, IrOperator op)
    {
        switch (op.Attributes)
        {
            case Conv2DAttributes a:
                return (graph.Tensor(op.Inputs[1]).Shape[1], a.StrideH, a.DilationH, a.Padding.Top);
            case DepthwiseConv2DAttributes a:
                return (graph.Tensor(op.Inputs[1]).Shape[1], a.StrideH, a.DilationH, a.Padding.Top);
            case Pool2DAttributes a:
                return (a.FilterH, a.StrideH, 1, a.Padding.Top);
            default:
                throw new InvalidOperationException($"operator '{op.Name}' ({op.Kind}) has no window");
        }
    }
}
