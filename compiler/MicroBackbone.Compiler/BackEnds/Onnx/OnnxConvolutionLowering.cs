using MicroBackbone.Ir;
using Onnx;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>Conv2D and DepthwiseConv2D as ONNX Conv (depthwise as a grouped Conv with one group per input channel).</summary>
internal static class OnnxConvolutionLowering
{
    public static void Conv(OnnxGraphEmitter e, IrOperator op)
    {
        var a = op.AttributesAs<Conv2DAttributes>();
        var w = e.Source.Tensor(op.Inputs[1]);
        // OHWI to OIHW is the same permutation as NHWC to NCHW, which Operand applies to every rank-4 constant.
        var inputs = Operands(e, op, e.Operand(w.Id));
        OnnxOperatorLowering.Emit(
            e,
            op,
            "Conv",
            inputs,
            Attributes(w, a.StrideH, a.StrideW, a.Padding, a.DilationH, a.DilationW, group: a.Groups));
    }

    public static void Depthwise(OnnxGraphEmitter e, IrOperator op)
    {
        var a = op.AttributesAs<DepthwiseConv2DAttributes>();
        var w = e.Source.Tensor(op.Inputs[1]);
        var channels = e.Source.Tensor(op.Inputs[0]).Shape[3];
        // 1HWO to [O, 1, H, W]: with group = C, output channel o reads input channel o / multiplier, as in the IR.
        var (data, shape) = OnnxTensorLayout.Permute(w.ReadFloat32(), w.Shape.ToArray(), new[] { 3, 0, 1, 2 });
        var weights = e.FloatInitializer(w.Name, data, shape);
        OnnxOperatorLowering.Emit(
            e,
            op,
            "Conv",
            Operands(e, op, weights),
            Attributes(w, a.StrideH, a.StrideW, a.Padding, a.DilationH, a.DilationW, group: channels));
    }

    /// <summary>The attributes of an ONNX Conv with filter <paramref name="w"/> (kernel size from its H, W dimensions).</summary>
    internal static AttributeProto[] Attributes(IrTensor w, int strideH, int strideW, Padding2D padding, int dilationH, int dilationW, int group) =>
        new[]
        {
            OnnxAttribute.Ints("kernel_shape", w.Shape[1], w.Shape[2]),
            OnnxAttribute.Ints("strides", strideH, strideW),
            OnnxAttribute.Ints("pads", OnnxOperatorLowering.Pads(padding)),
            OnnxAttribute.Ints("dilations", dilationH, dilationW),
            OnnxAttribute.Int("group", group),
        };

    private static string[] Operands(OnnxGraphEmitter e, IrOperator op, string weights)
    {
        var x = e.Operand(op.Inputs[0]);
        return op.Inputs.Count > 2 ? new[] { x, weights, e.Operand(op.Inputs[2]) } : new[] { x, weights };
    }
}
