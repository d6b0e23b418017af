using MicroBackbone.Ir;
using Onnx;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// Writes the ONNX nodes for one IR operator (rank-4 values are NCHW on the ONNX side). Convolutions, layout-changing
/// ops and Shift have their own lowering classes; the one-to-one ops are here.
/// </summary>
internal static class OnnxOperatorLowering
{
    /// <summary>HardSigmoid slope: relu6(x + 3) / 6 = clamp(x / 6 + 0.5, 0, 1).</summary>
    private const float HardSigmoidAlpha = 1f / 6f;

    private const float HardSigmoidBeta = 0.5f;

    public static void Lower(OnnxGraphEmitter e, int index)
    {
        var op = e.Source.Operators[index];
        switch (op.Kind)
        {
            case IrOpKind.Conv2D:
                OnnxConvolutionLowering.Conv(e, op);
                break;
            case IrOpKind.DepthwiseConv2D:
                OnnxConvolutionLowering.Depthwise(e, op);
                break;
            case IrOpKind.FullyConnected:
                OnnxLayoutLowering.FullyConnected(e, op);
                break;
            case IrOpKind.Reshape:
                OnnxLayoutLowering.Reshape(e, op);
                break;
            case IrOpKind.Shift:
                OnnxShiftLowering.Shift(e, op);
                break;
            case IrOpKind.Add:
            case IrOpKind.Mul:
                Emit(e, op, op.Kind.ToString(), new[] { e.Operand(op.Inputs[0]), e.Operand(op.Inputs[1]) });
                break;
            case IrOpKind.GlobalAveragePool:
            case IrOpKind.Relu:
            case IrOpKind.HardSwish:
            case IrOpKind.Sigmoid:
                Emit(e, op, op.Kind.ToString(), new[] { e.Operand(op.Inputs[0]) });
                break;
            case IrOpKind.Relu6:
                var x = e.Operand(op.Inputs[0]);
                e.Node("Clip", op.Name, new[] { x, e.ScalarFloat(0f), e.ScalarFloat(6f) }, e.Produce(op.Outputs[0]));
                break;
            case IrOpKind.HardSigmoid:
                Emit(
                    e,
                    op,
                    "HardSigmoid",
                    new[] { e.Operand(op.Inputs[0]) },
                    OnnxAttribute.Float("alpha", HardSigmoidAlpha),
                    OnnxAttribute.Float("beta", HardSigmoidBeta));
                break;
            case IrOpKind.AveragePool2D:
            case IrOpKind.MaxPool2D:
                Pool(e, index, op);
                break;
            case IrOpKind.Pad:
                Pad(e, op);
                break;
            case IrOpKind.Softmax:
                Softmax(e, op);
                break;
            default:
                throw OnnxExportException.ForOperator(
                    e.Source,
                    index,
                    op,
                    $"{op.Kind} has no float ONNX form; export the float graph from before quantization");
        }
    }

    /// <summary>
    /// One node writing the operator's output, followed by its fused activation (Relu, or Clip for Relu6) when it
    /// has one. <paramref name="inputs"/> must already be resolved, so operand initializers precede the output name.
    /// </summary>
    public static void Emit(OnnxGraphEmitter e, IrOperator op, string opType, string[] inputs, params AttributeProto[] attributes)
    {
        var output = e.Produce(op.Outputs[0]);
        var activation = op.FusedActivation;
        var linear = activation == FusedActivation.None ? output : e.Temporary(output + "_linear");
        e.Node(opType, op.Name, inputs, linear, attributes);
        switch (activation)
        {
            case FusedActivation.Relu:
                e.Node("Relu", op.Name + "_relu", new[] { linear }, output);
                break;
            case FusedActivation.Relu6:
                e.Node("Clip", op.Name + "_relu6", new[] { linear, e.ScalarFloat(0f), e.ScalarFloat(6f) }, output);
                break;
        }
    }

    /// <summary>ONNX 2-D pads order: [top, left, bottom, right], the same as <see cref="Padding2D"/>.</summary>
    public static long[] Pads(Padding2D p) => new long[] { p.Top, p.Left, p.Bottom, p.Right };

    private static void Pool(OnnxGraphEmitter e, int index, IrOperator op)
    {
        var a = op.AttributesAs<Pool2DAttributes>();
        var p = a.Padding;
        if (p.Top >= a.FilterH || p.Bottom >= a.FilterH || p.Left >= a.FilterW || p.Right >= a.FilterW)
        {
            // ONNX Runtime rejects pooling pads as large as the window (such a window could hold only padding).
            throw OnnxExportException.ForOperator(e.Source, index, op, $"ONNX pooling needs padding smaller than the {a.FilterH}x{a.FilterW} window, got {p}");
        }

        var attributes = new List<AttributeProto>
        {
            OnnxAttribute.Ints("kernel_shape", a.FilterH, a.FilterW),
            OnnxAttribute.Ints("strides", a.StrideH, a.StrideW),
            OnnxAttribute.Ints("pads", Pads(p)),
        };
        if (op.Kind == IrOpKind.AveragePool2D)
        {
            // The IR averages only cells inside the input.
            attributes.Add(OnnxAttribute.Int("count_include_pad", 0));
        }

        Emit(e, op, op.Kind == IrOpKind.AveragePool2D ? "AveragePool" : "MaxPool", new[] { e.Operand(op.Inputs[0]) }, attributes.ToArray());
    }

    private static void Pad(OnnxGraphEmitter e, IrOperator op)
    {
        var p = op.AttributesAs<PadAttributes>().Padding;
        var x = e.Operand(op.Inputs[0]);
        // NCHW begins then ends; mode "constant" with no value input fills 0, the IR's float fill.
        var pads = e.Int64Initializer(op.Name + "_pads", 0, 0, p.Top, p.Left, 0, 0, p.Bottom, p.Right);
        e.Node("Pad", op.Name, new[] { x, pads }, e.Produce(op.Outputs[0]));
    }

    private static void Softmax(OnnxGraphEmitter e, IrOperator op)
    {
        var beta = op.AttributesAs<SoftmaxAttributes>().Beta;
        var input = e.Source.Tensor(op.Inputs[0]);
        var x = e.Operand(input.Id);
        if (beta != 1f)
        {
            var scaled = e.Temporary(op.Name + "_scaled");
            e.Node("Mul", op.Name + "_beta", new[] { x, e.ScalarFloat(beta) }, scaled);
            x = scaled;
        }

        // The IR's last dimension is C for rank 4, which is axis 1 in NCHW.
        var axis = input.Shape.Count == 4 ? 1 : input.Shape.Count - 1;
        e.Node("Softmax", op.Name, new[] { x }, e.Produce(op.Outputs[0]), OnnxAttribute.Int("axis", axis));
    }
}
