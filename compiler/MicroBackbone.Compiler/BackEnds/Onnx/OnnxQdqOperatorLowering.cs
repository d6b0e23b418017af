using MicroBackbone.Ir;
using Onnx;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// Writes the QDQ ONNX nodes for one int8 IR operator. Arithmetic operators dequantize their inputs, compute in float
/// and quantize into their output (ONNX Runtime turns Add, Mul, the pools and the sigmoid into QLinear kernels);
/// operators that only move values and keep their quantization (Shift, Pad, Reshape) run on the stored uint8 values
/// directly, so they are exact. The graph's float edges are the IR's Quantize and Dequantize. Weighted operators
/// and HardSigmoid are in <see cref="OnnxQdqConvolutionLowering"/>.
/// </summary>
internal static class OnnxQdqOperatorLowering
{
    public static void Lower(OnnxQdqValues v, int index)
    {
        var e = v.Emitter;
        var op = e.Source.Operators[index];
        var x = e.Source.Tensor(op.Inputs[0]);
        switch (op.Kind)
        {
            case IrOpKind.Quantize when x.DataType == IrDataType.Float32:
                v.Quantize(op, e.Operand(x.Id), op.Outputs[0]);
                break;
            case IrOpKind.Quantize:
                // int8 to int8 with other parameters: a requantization.
                v.Quantize(op, v.Dequantized(op, x.Id), op.Outputs[0]);
                break;
            case IrOpKind.Dequantize:
                {
                    var (scale, zeroPoint) = v.Parameters(x.Id);
                    e.Node("DequantizeLinear", op.Name, new[] { e.Operand(x.Id), scale, zeroPoint }, e.Produce(op.Outputs[0]));
                    break;
                }

            case IrOpKind.Conv2D:
                OnnxQdqConvolutionLowering.Conv(v, op);
                break;
            case IrOpKind.DepthwiseConv2D:
                OnnxQdqConvolutionLowering.Depthwise(v, op);
                break;
            case IrOpKind.FullyConnected:
                OnnxQdqConvolutionLowering.FullyConnected(v, op);
                break;
            case IrOpKind.HardSigmoid:
                OnnxQdqConvolutionLowering.HardSigmoid(v, op);
                break;
            case IrOpKind.Add:
            case IrOpKind.Mul:
                OnnxQdqConvolutionLowering.Requantized(v, op, op.Kind.ToString(), new[] { v.Dequantized(op, op.Inputs[0]), v.Dequantized(op, op.Inputs[1]) });
                break;
            case IrOpKind.GlobalAveragePool:
            case IrOpKind.HardSwish:
            case IrOpKind.Sigmoid:
                OnnxQdqConvolutionLowering.Requantized(v, op, op.Kind.ToString(), new[] { v.Dequantized(op, x.Id) });
                break;
            case IrOpKind.Relu:
                OnnxQdqConvolutionLowering.Requantized(v, op, "Relu", new[] { v.Dequantized(op, x.Id) });
                break;
            case IrOpKind.Relu6:
                OnnxQdqConvolutionLowering.Requantized(v, op, "Clip", new[] { v.Dequantized(op, x.Id), e.ScalarFloat(0f), e.ScalarFloat(6f) });
                break;
            case IrOpKind.AveragePool2D:
            case IrOpKind.MaxPool2D:
                Pool(v, index, op);
                break;
            case IrOpKind.Softmax:
                Softmax(v, op);
                break;
            case IrOpKind.Shift:
                RequireSameQuantization(e, index, op);
                OnnxShiftLowering.Shift(e, op, fill: v.Parameters(x.Id).ZeroPoint);
                break;
            case IrOpKind.Pad:
                {
                    RequireSameQuantization(e, index, op);
                    var p = op.AttributesAs<PadAttributes>().Padding;
                    var pads = e.Int64Initializer(op.Name + "_pads", 0, 0, p.Top, p.Left, 0, 0, p.Bottom, p.Right);
                    // Padding writes the zero point: real 0, as the int8 Pad kernel does.
                    e.Node("Pad", op.Name, new[] { e.Operand(x.Id), pads, v.Parameters(x.Id).ZeroPoint }, e.Produce(op.Outputs[0]));
                    break;
                }

            case IrOpKind.Reshape:
                RequireSameQuantization(e, index, op);
                OnnxLayoutLowering.Reshape(e, op);
                break;
            default:
                throw OnnxExportException.ForOperator(e.Source, index, op, $"{op.Kind} has no QDQ ONNX form");
        }
    }

    private static void Pool(OnnxQdqValues v, int index, IrOperator op)
    {
        var a = op.AttributesAs<Pool2DAttributes>();
        var p = a.Padding;
        if (p.Top >= a.FilterH || p.Bottom >= a.FilterH || p.Left >= a.FilterW || p.Right >= a.FilterW)
        {
            throw OnnxExportException.ForOperator(v.Emitter.Source, index, op, $"ONNX pooling needs padding smaller than the {a.FilterH}x{a.FilterW} window, got {p}");
        }

        var attributes = new List<AttributeProto>
        {
            OnnxAttribute.Ints("kernel_shape", a.FilterH, a.FilterW),
            OnnxAttribute.Ints("strides", a.StrideH, a.StrideW),
            OnnxAttribute.Ints("pads", OnnxOperatorLowering.Pads(p)),
        };
        if (op.Kind == IrOpKind.AveragePool2D)
        {
            // The int8 kernel averages only cells inside the input.
            attributes.Add(OnnxAttribute.Int("count_include_pad", 0));
        }

        var opType = op.Kind == IrOpKind.AveragePool2D ? "AveragePool" : "MaxPool";
        OnnxQdqConvolutionLowering.Requantized(v, op, opType, new[] { v.Dequantized(op, op.Inputs[0]) }, attributes.ToArray());
    }

    private static void Softmax(OnnxQdqValues v, IrOperator op)
    {
        var e = v.Emitter;
        var beta = op.AttributesAs<SoftmaxAttributes>().Beta;
        var input = e.Source.Tensor(op.Inputs[0]);
        var x = v.Dequantized(op, input.Id);
        if (beta != 1f)
        {
            var scaled = e.Temporary(op.Name + "_scaled");
            e.Node("Mul", op.Name + "_beta", new[] { x, e.ScalarFloat(beta) }, scaled);
            x = scaled;
        }

        // The IR's last dimension is C for rank 4, which is axis 1 in NCHW.
        var axis = input.Shape.Count == 4 ? 1 : input.Shape.Count - 1;
        OnnxQdqConvolutionLowering.Requantized(v, op, "Softmax", new[] { x }, OnnxAttribute.Int("axis", axis));
    }

    /// <summary>Shift, Pad and Reshape move the stored values, which is right only when in and out share parameters.</summary>
    private static void RequireSameQuantization(OnnxGraphEmitter e, int index, IrOperator op)
    {
        var x = e.Source.Tensor(op.Inputs[0]).Quant;
        var y = e.Source.Tensor(op.Outputs[0]).Quant;
        if (x != y)
        {
            throw OnnxExportException.ForOperator(e.Source, index, op, "its input and output quantization differ; the int8 kernel requires them equal");
        }
    }
}
