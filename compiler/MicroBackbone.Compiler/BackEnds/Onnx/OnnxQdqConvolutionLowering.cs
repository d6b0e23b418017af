using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using Onnx;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// The int8 operators with weights, as DequantizeLinear → Conv/Gemm → QuantizeLinear (ONNX Runtime fuses this into
/// QLinearConv / QGemm): Conv2D, DepthwiseConv2D (a grouped Conv), FullyConnected, and HardSigmoid, which docs/INT8.md
/// defines as a 1x1 depthwise convolution with weight 127 and a +0.5 bias, so it is written as exactly that.
/// </summary>
internal static class OnnxQdqConvolutionLowering
{
    /// <summary>OHWI to OIHW.</summary>
    private static readonly int[] ConvWeightOrder = { 0, 3, 1, 2 };

    /// <summary>1HWO to [O, 1, H, W].</summary>
    private static readonly int[] DepthwiseWeightOrder = { 3, 0, 1, 2 };

    public static void Conv(OnnxQdqValues v, IrOperator op)
    {
        var a = op.AttributesAs<Conv2DAttributes>();
        var w = v.Emitter.Source.Tensor(op.Inputs[1]);
        var inputs = Operands(v, op, ConvWeightOrder);
        Requantized(
            v,
            op,
            "Conv",
            inputs,
            OnnxConvolutionLowering.Attributes(w, a.StrideH, a.StrideW, a.Padding, a.DilationH, a.DilationW, group: a.Groups));
    }

    public static void Depthwise(OnnxQdqValues v, IrOperator op)
    {
        var a = op.AttributesAs<DepthwiseConv2DAttributes>();
        var w = v.Emitter.Source.Tensor(op.Inputs[1]);
        var channels = v.Emitter.Source.Tensor(op.Inputs[0]).Shape[3];
        var inputs = Operands(v, op, DepthwiseWeightOrder);
        Requantized(
            v,
            op,
            "Conv",
            inputs,
            OnnxConvolutionLowering.Attributes(w, a.StrideH, a.StrideW, a.Padding, a.DilationH, a.DilationW, group: channels));
    }

    public static void FullyConnected(OnnxQdqValues v, IrOperator op)
    {
        var e = v.Emitter;
        var x = e.Source.Tensor(op.Inputs[0]);
        if (x.Shape.Count != 2)
        {
            // Flatten the stored uint8 value (pure data movement, exact), then dequantize the flat value.
            var source = OnnxLayoutLowering.InIrOrder(e, op, x);
            var flatName = e.Temporary(op.Name + "_flat");
            e.Node("Flatten", op.Name + "_flatten", new[] { source }, flatName, OnnxAttribute.Int("axis", 1));
            var (scale, zeroPoint) = v.Parameters(x.Id);
            var real = e.Temporary(op.Name + "_flat_dq");
            e.Node("DequantizeLinear", real, new[] { flatName, scale, zeroPoint }, real);
            Requantized(v, op, "Gemm", WeightOperands(v, op, real, new[] { 0, 1 }), OnnxAttribute.Int("transB", 1));
            return;
        }

        // Gemm computes A x B^T + C with B = the IR's [out, in] weights as they are.
        Requantized(v, op, "Gemm", Operands(v, op, new[] { 0, 1 }), OnnxAttribute.Int("transB", 1));
    }

    /// <summary>
    /// HardSigmoid as the depthwise 1x1 convolution that defines it (docs/INT8.md): weight 127 at scale
    /// 1 / (6 * 127) in every channel and bias round(0.5 / (s_in * that scale)), output scale 1/256, zero point -128.
    /// </summary>
    public static void HardSigmoid(OnnxQdqValues v, IrOperator op)
    {
        var e = v.Emitter;
        var x = e.Source.Tensor(op.Inputs[0]);
        if (x.Shape.Count != 4)
        {
            throw new OnnxExportException($"graph '{e.Source.Name}': operator {op.Kind} '{op.Name}' cannot be exported to target 'onnx' (QDQ): it needs an NHWC input, got {x.Describe()}");
        }

        var channels = x.Shape[3];
        var inputQuant = x.Quant!;
        var p = HardSigmoidParams.Prepare(new QuantizationParams(inputQuant.Scales[0], inputQuant.ZeroPoints[0]));
        var weightQuant = QuantParams.PerTensor(HardSigmoidParams.WeightScale, 0);
        var weights = e.Int8Initializer(op.Name + "_weight", Enumerable.Repeat((sbyte)HardSigmoidParams.Weight, channels).ToArray(), new[] { channels, 1, 1, 1 });
        var weightZero = e.Int8Initializer(op.Name + "_weight_zero_point", new sbyte[] { 0 }, Array.Empty<int>());
        var biasQuant = QuantParams.PerTensor(inputQuant.Scales[0] * HardSigmoidParams.WeightScale, 0);
        var bias = e.Int32Initializer(op.Name + "_bias", Enumerable.Repeat(p.Bias, channels).ToArray(), new[] { channels });
        var biasZero = e.Int32Initializer(op.Name + "_bias_zero_point", new[] { 0 }, Array.Empty<int>());
        var inputs = new[]
        {
            v.Dequantized(op, x.Id),
            v.DequantizeConstant(op.Name + "_weight", weights, weightQuant, weightZero, axis: 0),
            v.DequantizeConstant(op.Name + "_bias", bias, biasQuant, biasZero, axis: 0),
        };
        Requantized(
            v,
            op,
            "Conv",
            inputs,
            OnnxAttribute.Ints("kernel_shape", 1, 1),
            OnnxAttribute.Int("group", channels));
    }

    /// <summary>
    /// <paramref name="opType"/> on float <paramref name="inputs"/>, its fused activation (Relu, or Clip for Relu6 and
    /// ReluN1To1, which is the int8 clamp of docs/INT8.md §2.5 before rounding) and the QuantizeLinear into the operator's output.
    /// </summary>
    public static void Requantized(OnnxQdqValues v, IrOperator op, string opType, string[] inputs, params AttributeProto[] attributes)
    {
        var e = v.Emitter;
        var outputName = e.Source.Tensor(op.Outputs[0]).Name;
        var real = e.Temporary($"{outputName}_real");
        e.Node(opType, op.Name + "_float", inputs, real, attributes);
        switch (op.FusedActivation)
        {
            case FusedActivation.Relu:
                var relu = e.Temporary($"{outputName}_relu");
                e.Node("Relu", op.Name + "_relu", new[] { real }, relu);
                real = relu;
                break;
            case FusedActivation.Relu6:
                var clipped = e.Temporary($"{outputName}_relu6");
                e.Node("Clip", op.Name + "_relu6", new[] { real, e.ScalarFloat(0f), e.ScalarFloat(6f) }, clipped);
                real = clipped;
                break;
            case FusedActivation.ReluN1To1:
                var unit = e.Temporary($"{outputName}_relu_n1_to_1");
                e.Node("Clip", op.Name + "_relu_n1_to_1", new[] { real, e.ScalarFloat(-1f), e.ScalarFloat(1f) }, unit);
                real = unit;
                break;
        }

        v.Quantize(op, real, op.Outputs[0]);
    }

    private static string[] Operands(OnnxQdqValues v, IrOperator op, int[] weightOrder) =>
        WeightOperands(v, op, v.Dequantized(op, op.Inputs[0]), weightOrder);

    private static string[] WeightOperands(OnnxQdqValues v, IrOperator op, string x, int[] weightOrder)
    {
        var source = v.Emitter.Source;
        var weights = source.Tensor(op.Inputs[1]);
        var real = v.DequantizedWeights(weights, weightOrder);
        return op.Inputs.Count > 2
            ? new[] { x, real, v.DequantizedBias(source.Tensor(op.Inputs[2]), source.Tensor(op.Inputs[0]), weights) }
            : new[] { x, real };
    }
}
