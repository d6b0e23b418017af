using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Generators.Tests.Support;

/// <summary>
/// Runs an int8 IrGraph with the int8 spec's reference kernels (MicroBackbone.Ir.Int8), one buffer per tensor, no
/// arena and no runtime: the independent result the generated class must reproduce bit for bit.
/// </summary>
internal static class Int8ReferenceRunner
{
    public static sbyte[] Run(IrGraph g, sbyte[] input)
    {
        var values = new Dictionary<int, sbyte[]> { [g.Inputs[0]] = input };
        foreach (var op in g.Operators)
        {
            var x = g.Tensor(op.Inputs[0]);
            var y = g.Tensor(op.Outputs[0]);
            var xin = values[x.Id];
            var yout = new sbyte[y.ElementCount];
            switch (op.Kind)
            {
                case IrOpKind.Conv2D:
                    {
                        var a = op.AttributesAs<Conv2DAttributes>();
                        var w = g.Tensor(op.Inputs[1]);
                        var win = Window(w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding);
                        var p = Conv2DParams.Prepare(Shape(x), w.Shape[0], win, Q(x), w.Quant!.Scales.ToArray(), Q(y), a.Activation);
                        Conv2D.Eval(p, xin, w.ReadInt8(), Bias(g, op), yout);
                        break;
                    }

                case IrOpKind.DepthwiseConv2D:
                    {
                        var a = op.AttributesAs<DepthwiseConv2DAttributes>();
                        var w = g.Tensor(op.Inputs[1]);
                        var win = Window(w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding);
                        var p = DepthwiseConv2DParams.Prepare(Shape(x), win, Q(x), w.Quant!.Scales.ToArray(), Q(y), a.Activation);
                        DepthwiseConv2D.Eval(p, xin, w.ReadInt8(), Bias(g, op), yout);
                        break;
                    }

                case IrOpKind.FullyConnected:
                    {
                        var w = g.Tensor(op.Inputs[1]);
                        var batches = x.Shape[0];
                        var p = FullyConnectedParams.Prepare(batches, (int)(x.ElementCount / batches), w.Shape[0], Q(x),
                            w.Quant!.Scales.ToArray(), Q(y), op.FusedActivation);
                        FullyConnected.Eval(p, xin, w.ReadInt8(), Bias(g, op), yout);
                        break;
                    }

                case IrOpKind.Add:
                    {
                        var b = g.Tensor(op.Inputs[1]);
                        Add.Eval(AddParams.Prepare(Q(x), Q(b), Q(y), op.FusedActivation), xin, values[b.Id], yout);
                        break;
                    }

                case IrOpKind.Mul:
                    {
                        var b = g.Tensor(op.Inputs[1]);
                        var p = MulParams.Prepare(Q(x), Q(b), Q(y), op.FusedActivation);
                        if (x.Shape == b.Shape)
                        {
                            Mul.Eval(p, xin, values[b.Id], yout);
                        }
                        else
                        {
                            Mul.EvalBroadcastChannels(p, Shape(x), xin, values[b.Id], yout);
                        }

                        break;
                    }

                case IrOpKind.GlobalAveragePool:
                    Mean.Eval(MeanParams.Prepare(Shape(x), Q(x), Q(y)), xin, yout);
                    break;
                case IrOpKind.MaxPool2D or IrOpKind.AveragePool2D:
                    {
                        var a = op.AttributesAs<Pool2DAttributes>();
                        var p = Pool2DParams.Prepare(Shape(x), Window(a.FilterH, a.FilterW, a.StrideH, a.StrideW, 1, 1, a.Padding), Q(x), Q(y), a.Activation);
                        if (op.Kind == IrOpKind.MaxPool2D)
                        {
                            MaxPool2D.Eval(p, xin, yout);
                        }
                        else
                        {
                            AveragePool2D.Eval(p, xin, yout);
                        }

                        break;
                    }

                case IrOpKind.Pad:
                    {
                        var pad = op.AttributesAs<PadAttributes>().Padding;
                        Pad.Eval(PadParams.Prepare(Shape(x), new[] { 0, pad.Top, pad.Left, 0 }, new[] { 0, pad.Bottom, pad.Right, 0 }, Q(x), Q(y)), xin, yout);
                        break;
                    }

                case IrOpKind.Shift:
                    {
                        var o = op.AttributesAs<ShiftAttributes>().Offsets;
                        Shift.Eval(ShiftParams.Prepare(Shape(x), o.Select(v => v.Dy).ToList(), o.Select(v => v.Dx).ToList(), Q(x)), xin, yout);
                        break;
                    }

                case IrOpKind.Reshape:
                    xin.CopyTo(yout, 0);
                    break;
                case IrOpKind.HardSwish:
                    HardSwish.Eval(HardSwishParams.Prepare(Q(x), Q(y)), xin, yout);
                    break;
                case IrOpKind.Sigmoid:
                    Logistic.Eval(LogisticParams.Prepare(Q(x)), xin, yout);
                    break;
                case IrOpKind.HardSigmoid:
                    HardSigmoid.Eval(HardSigmoidParams.Prepare(Q(x)), xin, yout);
                    break;
                case IrOpKind.Softmax:
                    Softmax.Eval(SoftmaxParams.Prepare(x.Shape[x.Shape.Count - 1], Q(x), op.AttributesAs<SoftmaxAttributes>().Beta), xin, yout);
                    break;
                case IrOpKind.Quantize:
                    Requantize.Eval(RequantizeParams.Prepare(Q(x), Q(y)), xin, yout);
                    break;
                case IrOpKind.Relu or IrOpKind.Relu6:
                    {
                        Requantize.Eval(RequantizeParams.Prepare(Q(x), Q(y)), xin, yout);
                        var range = ActivationRange.For(op.Kind == IrOpKind.Relu ? FusedActivation.Relu : FusedActivation.Relu6, Q(y));
                        for (var i = 0; i < yout.Length; i++)
                        {
                            yout[i] = (sbyte)range.Clamp(yout[i]);
                        }

                        break;
                    }

                default:
                    throw new NotSupportedException($"reference runner has no {op.Kind}");
            }

            values[y.Id] = yout;
        }

        return values[g.Outputs[0]];
    }

    private static int[] Bias(IrGraph g, IrOperator op) => op.Inputs.Count > 2 ? g.Tensor(op.Inputs[2]).ReadInt32() : Array.Empty<int>();

    private static QuantizationParams Q(IrTensor t) => new(t.Quant!.Scales[0], t.Quant.ZeroPoints[0]);

    private static Nhwc Shape(IrTensor t) =>
        t.Shape.Count == 4 ? new Nhwc(t.Shape[0], t.Shape[1], t.Shape[2], t.Shape[3]) : new Nhwc(t.Shape[0], 1, 1, t.Shape[1]);

    private static Window2D Window(int kh, int kw, int sh, int sw, int dh, int dw, Padding2D p) =>
        new(kh, kw, sh, sw, dh, dw, p.Top, p.Left, p.Bottom, p.Right);
}
