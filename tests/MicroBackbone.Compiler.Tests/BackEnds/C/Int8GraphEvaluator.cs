using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// Test oracle: walks an int8 IR graph operator by operator and runs the int8 spec's C# reference kernels (Prepare
/// then Eval, unfused, with the raw biases and zero points), independently of the C back end's lowering.
/// Float edges are skipped: the int8 tensor after the input Quantize is fed, the int8 tensor before the output
/// Dequantize is returned.
/// </summary>
internal static class Int8GraphEvaluator
{
    public static sbyte[] Run(IrGraph graph, sbyte[] input)
    {
        var values = new Dictionary<int, sbyte[]>();
        var inputId = graph.Inputs[0];
        var outputId = graph.Outputs[0];
        foreach (var op in graph.Operators)
        {
            var x = graph.Tensor(op.Inputs[0]);
            var y = graph.Tensor(op.Outputs[0]);
            if (op.Kind == IrOpKind.Quantize && x.DataType == IrDataType.Float32 && x.Id == graph.Inputs[0])
            {
                inputId = y.Id;
                continue;
            }

            if (op.Kind == IrOpKind.Dequantize && y.Id == graph.Outputs[0])
            {
                outputId = x.Id;
                continue;
            }

            if (x.Id == inputId && !values.ContainsKey(inputId))
            {
                values[inputId] = input;
            }

            values[y.Id] = Eval(graph, op, values);
        }

        return values[outputId];
    }

    private static sbyte[] Eval(IrGraph g, IrOperator op, Dictionary<int, sbyte[]> values)
    {
        var x = g.Tensor(op.Inputs[0]);
        var y = g.Tensor(op.Outputs[0]);
        var input = values[x.Id];
        var output = new sbyte[y.ElementCount];
        var (qx, qy) = (Quant(x), Quant(y));
        switch (op.Kind)
        {
            case IrOpKind.Conv2D:
                {
                    var a = op.AttributesAs<Conv2DAttributes>();
                    var w = g.Tensor(op.Inputs[1]);
                    var win = new Window2D(w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding.Top, a.Padding.Left, a.Padding.Bottom, a.Padding.Right);
                    var p = Conv2DParams.Prepare(Shape(x), y.Shape[3], win, qx, w.Quant!.Scales.ToArray(), qy, a.Activation);
                    Conv2D.Eval(p, input, w.ReadInt8(), BiasOf(g, op), output);
                    break;
                }

            case IrOpKind.DepthwiseConv2D:
                {
                    var a = op.AttributesAs<DepthwiseConv2DAttributes>();
                    var w = g.Tensor(op.Inputs[1]);
                    var win = new Window2D(w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding.Top, a.Padding.Left, a.Padding.Bottom, a.Padding.Right);
                    var p = DepthwiseConv2DParams.Prepare(Shape(x), win, qx, w.Quant!.Scales.ToArray(), qy, a.Activation);
                    DepthwiseConv2D.Eval(p, input, w.ReadInt8(), BiasOf(g, op), output);
                    break;
                }

            case IrOpKind.FullyConnected:
                {
                    var w = g.Tensor(op.Inputs[1]);
                    var p = FullyConnectedParams.Prepare(x.Shape[0], (int)(x.ElementCount / x.Shape[0]), w.Shape[0], qx, w.Quant!.Scales.ToArray(), qy,
                        op.AttributesAs<FullyConnectedAttributes>().Activation);
                    FullyConnected.Eval(p, input, w.ReadInt8(), BiasOf(g, op), output);
                    break;
                }

            case IrOpKind.Add or IrOpKind.Mul:
                {
                    var b = g.Tensor(op.Inputs[1]);
                    var act = op.AttributesAs<ElementwiseAttributes>().Activation;
                    Func<sbyte, sbyte, sbyte> element;
                    if (op.Kind == IrOpKind.Add)
                    {
                        var p = AddParams.Prepare(qx, Quant(b), qy, act);
                        element = (u, v) => Add.Element(p, u, v);
                    }
                    else
                    {
                        var p = MulParams.Prepare(qx, Quant(b), qy, act);
                        element = (u, v) => Mul.Element(p, u, v);
                    }

                    Broadcast(x.Shape, b.Shape, y.Shape, input, values[b.Id], output, element);
                    break;
                }

            case IrOpKind.Shift:
                {
                    var o = op.AttributesAs<ShiftAttributes>().Offsets;
                    Shift.Eval(ShiftParams.Prepare(Shape(x), o.Select(v => v.Dy).ToList(), o.Select(v => v.Dx).ToList(), qx), input, output);
                    break;
                }

            case IrOpKind.Pad:
                {
                    var pad = op.AttributesAs<PadAttributes>().Padding;
                    Pad.Eval(PadParams.Prepare(Shape(x), new[] { 0, pad.Top, pad.Left, 0 }, new[] { 0, pad.Bottom, pad.Right, 0 }, qx, qy), input, output);
                    break;
                }

            case IrOpKind.AveragePool2D or IrOpKind.MaxPool2D:
                {
                    var a = op.AttributesAs<Pool2DAttributes>();
                    var win = new Window2D(a.FilterH, a.FilterW, a.StrideH, a.StrideW, 1, 1, a.Padding.Top, a.Padding.Left, a.Padding.Bottom, a.Padding.Right);
                    var p = Pool2DParams.Prepare(Shape(x), win, qx, qy, a.Activation);
                    if (op.Kind == IrOpKind.AveragePool2D)
                    {
                        AveragePool2D.Eval(p, input, output);
                    }
                    else
                    {
                        MaxPool2D.Eval(p, input, output);
                    }

                    break;
                }

            case IrOpKind.GlobalAveragePool:
                Mean.Eval(MeanParams.Prepare(Shape(x), qx, qy), input, output);
                break;
            case IrOpKind.Reshape:
                input.CopyTo(output, 0);
                break;
            case IrOpKind.HardSwish:
                HardSwish.Eval(HardSwishParams.Prepare(qx, qy), input, output);
                break;
            case IrOpKind.HardSigmoid:
                HardSigmoid.Eval(HardSigmoidParams.Prepare(qx), input, output);
                break;
            case IrOpKind.Sigmoid:
                Logistic.Eval(LogisticParams.Prepare(qx), input, output);
                break;
            case IrOpKind.Softmax:
                Softmax.Eval(SoftmaxParams.Prepare(x.Shape[x.Shape.Count - 1], qx, op.AttributesAs<SoftmaxAttributes>().Beta), input, output);
                break;
            case IrOpKind.Relu or IrOpKind.Relu6:
                {
                    Requantize.Eval(RequantizeParams.Prepare(qx, qy), input, output);
                    var range = ActivationRange.For(op.Kind == IrOpKind.Relu ? FusedActivation.Relu : FusedActivation.Relu6, qy);
                    for (var i = 0; i < output.Length; i++)
                    {
                        output[i] = (sbyte)range.Clamp(output[i]);
                    }

                    break;
                }

            case IrOpKind.Quantize:
                Requantize.Eval(RequantizeParams.Prepare(qx, qy), input, output);
                break;
            default:
                throw new NotSupportedException($"the test evaluator has no {op.Kind}");
        }

        return output;
    }

    private static void Broadcast(EquatableArray<int> sa, EquatableArray<int> sb, EquatableArray<int> sy, sbyte[] a, sbyte[] b, sbyte[] y, Func<sbyte, sbyte, sbyte> f)
    {
        var rank = sy.Count;
        var index = new int[rank];
        for (var i = 0; i < y.Length; i++)
        {
            var rem = i;
            for (var d = rank - 1; d >= 0; d--)
            {
                index[d] = rem % sy[d];
                rem /= sy[d];
            }

            y[i] = f(a[Flat(sa, index)], b[Flat(sb, index)]);
        }
    }

    private static int Flat(EquatableArray<int> shape, int[] index)
    {
        var flat = 0;
        for (var d = 0; d < shape.Count; d++)
        {
            flat = (flat * shape[d]) + (shape[d] == 1 ? 0 : index[d]);
        }

        return flat;
    }

    private static int[] BiasOf(IrGraph g, IrOperator op) => op.Inputs.Count > 2 ? g.Tensor(op.Inputs[2]).ReadInt32() : Array.Empty<int>();

    private static QuantizationParams Quant(IrTensor t) => new(t.Quant!.Scales[0], t.Quant.ZeroPoints[0]);

    private static Nhwc Shape(IrTensor t) => t.Shape.Count == 4
        ? new Nhwc(t.Shape[0], t.Shape[1], t.Shape[2], t.Shape[3])
        : new Nhwc(t.Shape[0], 1, 1, t.Shape[1]);

}
