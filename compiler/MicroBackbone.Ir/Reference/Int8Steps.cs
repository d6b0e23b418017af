using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Reference;

/// <summary>
/// One prepared step per IR operator for <see cref="Int8Interpreter"/>: the kernel's Prepare runs here, once; the
/// returned action runs its Eval over the interpreter's buffers.
/// </summary>
internal static class Int8Steps
{
    public static Action Prepare(IrGraph g, IrOperator op, Dictionary<int, sbyte[]> values)
    {
        IrTensor x = g.Tensor(op.Inputs[0]);
        IrTensor y = g.Tensor(op.Outputs[0]);
        sbyte[] output = values[y.Id];
        sbyte[] input = x.IsConstant ? x.ReadInt8() : values[x.Id];
        if (op.Kind != IrOpKind.Quantize && op.Kind != IrOpKind.Dequantize && (x.DataType != IrDataType.Int8 || y.DataType != IrDataType.Int8))
        {
            throw new ReferenceInterpreterException($"operator '{op.Name}' ({op.Kind}): the int8 interpreter needs int8 tensors, got {x.Describe()} -> {y.Describe()}");
        }
        QuantizationParams qx = Quant(x), qy = Quant(y);
        switch (op.Kind)
        {
            case IrOpKind.Conv2D:
                {
                    var a = op.AttributesAs<Conv2DAttributes>();
                    IrTensor w = g.Tensor(op.Inputs[1]);
                    var p = Conv2DParams.Prepare(Shape(x), y.Shape[3], Window2D.Of(w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding), qx, w.Quant!.Scales.ToArray(), qy, a.Activation, a.Groups);
                    sbyte[] weights = w.ReadInt8();
                    int[] bias = Bias(g, op);
                    return () => Conv2D.Eval(p, input, weights, bias, output);
                }

            case IrOpKind.DepthwiseConv2D:
                {
                    var a = op.AttributesAs<DepthwiseConv2DAttributes>();
                    IrTensor w = g.Tensor(op.Inputs[1]);
                    var p = DepthwiseConv2DParams.Prepare(Shape(x), Window2D.Of(w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding), qx, w.Quant!.Scales.ToArray(), qy, a.Activation, a.DepthMultiplier);
                    sbyte[] weights = w.ReadInt8();
                    int[] bias = Bias(g, op);
                    return () => DepthwiseConv2D.Eval(p, input, weights, bias, output);
                }

            case IrOpKind.FullyConnected:
                {
                    IrTensor w = g.Tensor(op.Inputs[1]);
                    var p = FullyConnectedParams.Prepare(x.Shape[0], (int)(x.ElementCount / x.Shape[0]), w.Shape[0], qx, w.Quant!.Scales.ToArray(), qy,
                        op.AttributesAs<FullyConnectedAttributes>().Activation);
                    sbyte[] weights = w.ReadInt8();
                    int[] bias = Bias(g, op);
                    return () => FullyConnected.Eval(p, input, weights, bias, output);
                }

            case IrOpKind.Add:
            case IrOpKind.Mul:
                {
                    IrTensor b = g.Tensor(op.Inputs[1]);
                    sbyte[] other = b.IsConstant ? b.ReadInt8() : values[b.Id];
                    FusedActivation act = op.AttributesAs<ElementwiseAttributes>().Activation;
                    (int[] ia, int[] ib) = BroadcastIndex(x.Shape, b.Shape, y.Shape);
                    if (op.Kind == IrOpKind.Add)
                    {
                        var p = AddParams.Prepare(qx, Quant(b), qy, act);
                        return () =>
                        {
                            for (int i = 0; i < output.Length; i++)
                            {
                                output[i] = Add.Element(p, input[ia[i]], other[ib[i]]);
                            }
                        };
                    }
                    var m = MulParams.Prepare(qx, Quant(b), qy, act);
                    return () =>
                    {
                        for (int i = 0; i < output.Length; i++)
                        {
                            output[i] = Mul.Element(m, input[ia[i]], other[ib[i]]);
                        }
                    };
                }

            case IrOpKind.Shift:
                {
                    var o = op.AttributesAs<ShiftAttributes>().Offsets;
                    var p = ShiftParams.Prepare(Shape(x), o.Select(v => v.Dy).ToList(), o.Select(v => v.Dx).ToList(), qx);
                    return () => Shift.Eval(p, input, output);
                }

            case IrOpKind.Pad:
                {
                    var pad = op.AttributesAs<PadAttributes>().Padding;
                    var p = PadParams.Prepare(Shape(x), new[] { 0, pad.Top, pad.Left, 0 }, new[] { 0, pad.Bottom, pad.Right, 0 }, qx, qy);
                    return () => Pad.Eval(p, input, output);
                }

            case IrOpKind.AveragePool2D:
            case IrOpKind.MaxPool2D:
                {
                    var a = op.AttributesAs<Pool2DAttributes>();
                    var window = Window2D.Of(a.FilterH, a.FilterW, a.StrideH, a.StrideW, 1, 1, a.Padding);
                    var p = Pool2DParams.Prepare(Shape(x), window, qx, qy, a.Activation);
                    return op.Kind == IrOpKind.AveragePool2D ? () => AveragePool2D.Eval(p, input, output) : () => MaxPool2D.Eval(p, input, output);
                }

            case IrOpKind.GlobalAveragePool:
                {
                    var p = MeanParams.Prepare(Shape(x), qx, qy);
                    return () => Mean.Eval(p, input, output);
                }

            case IrOpKind.Reshape:
                return () => input.AsSpan().CopyTo(output);
            case IrOpKind.HardSwish:
                {
                    var p = HardSwishParams.Prepare(qx, qy);
                    return () => HardSwish.Eval(p, input, output);
                }

            case IrOpKind.HardSigmoid:
                {
                    var p = HardSigmoidParams.Prepare(qx);
                    return () => HardSigmoid.Eval(p, input, output);
                }

            case IrOpKind.Sigmoid:
                {
                    var p = LogisticParams.Prepare(qx);
                    return () => Logistic.Eval(p, input, output);
                }

            case IrOpKind.Softmax:
                {
                    var p = SoftmaxParams.Prepare(x.Shape[x.Shape.Count - 1], qx, op.AttributesAs<SoftmaxAttributes>().Beta);
                    return () => Softmax.Eval(p, input, output);
                }

            case IrOpKind.Relu6:
                {
                    var bounds = Int8.Kernels.Relu6.Prepare(qx);
                    return () => Int8.Kernels.Relu6.Eval(bounds, input, output);
                }

            case IrOpKind.Relu:
                {
                    var p = RequantizeParams.Prepare(qx, qy);
                    ActivationRange range = ActivationRange.For(FusedActivation.Relu, qy);
                    return () =>
                    {
                        Requantize.Eval(p, input, output);
                        for (int i = 0; i < output.Length; i++)
                        {
                            output[i] = (sbyte)range.Clamp(output[i]);
                        }
                    };
                }

            case IrOpKind.Transpose:
            case IrOpKind.StridedSlice:
            case IrOpKind.Concatenation:
            case IrOpKind.PadV2:
                return LayoutSteps.Prepare(g, op, values);

            case IrOpKind.Sub:
            case IrOpKind.Maximum:
            case IrOpKind.Minimum:
            case IrOpKind.Prelu:
                {
                    IrTensor b = g.Tensor(op.Inputs[1]);
                    sbyte[] other = b.IsConstant ? b.ReadInt8() : values[b.Id];
                    (int[] ia, int[] ib) = BroadcastIndex(x.Shape, b.Shape, y.Shape);
                    Func<sbyte, sbyte, sbyte> element = op.Kind switch
                    {
                        IrOpKind.Sub => SubElement(AddParams.PrepareSub(qx, Quant(b), qy, op.AttributesAs<ElementwiseAttributes>().Activation)),
                        IrOpKind.Maximum => MaximumMinimum.Maximum,
                        IrOpKind.Minimum => MaximumMinimum.Minimum,
                        _ => PreluElement(PreluParams.Prepare(qx, Quant(b), qy)),
                    };
                    return () =>
                    {
                        for (int i = 0; i < output.Length; i++)
                        {
                            output[i] = element(input[ia[i]], other[ib[i]]);
                        }
                    };
                }

            case IrOpKind.LeakyRelu:
                {
                    var p = LeakyReluParams.Prepare(qx, qy, op.AttributesAs<LeakyReluAttributes>().Alpha);
                    return () => LeakyRelu.Eval(p, input, output);
                }

            case IrOpKind.Tanh:
                {
                    var p = TanhParams.Prepare(qx);
                    return () => Tanh.Eval(p, input, output);
                }

            case IrOpKind.ResizeNearestNeighbor:
                {
                    var a = op.AttributesAs<ResizeAttributes>();
                    var p = ResizeNearestNeighborParams.Prepare(Shape(x), a.Height, a.Width, a.AlignCorners, a.HalfPixelCenters);
                    return () => ResizeNearestNeighbor.Eval(p, input, output);
                }

            case IrOpKind.ResizeBilinear:
                {
                    var a = op.AttributesAs<ResizeAttributes>();
                    var p = ResizeBilinearParams.Prepare(Shape(x), a.Height, a.Width, a.AlignCorners, a.HalfPixelCenters);
                    return () => ResizeBilinear.Eval(p, input, output);
                }

            case IrOpKind.TransposeConv2D:
                {
                    var a = op.AttributesAs<TransposeConv2DAttributes>();
                    IrTensor w = g.Tensor(op.Inputs[1]);
                    var p = TransposeConv2DParams.Prepare(Shape(x), Shape(y), w.Shape[1], w.Shape[2], a.StrideH, a.StrideW,
                        a.PadTop, a.PadLeft, qx, w.Quant!.Scales.ToArray(), qy, a.Activation);
                    sbyte[] weights = w.ReadInt8();
                    int[] bias = Bias(g, op);
                    int[] scratch = new int[output.Length];
                    return () => TransposeConv2D.Eval(p, input, weights, bias, scratch, output);
                }

            case IrOpKind.Quantize when x.DataType == IrDataType.Int8:
                {
                    var p = RequantizeParams.Prepare(qx, qy);
                    return () => Requantize.Eval(p, input, output);
                }

            default:
                throw new ReferenceInterpreterException($"operator '{op.Name}' ({op.Kind}) has no int8 reference kernel here");
        }
    }

    private static Func<sbyte, sbyte, sbyte> SubElement(AddParams p) => (a, b) => Sub.Element(p, a, b);

    private static Func<sbyte, sbyte, sbyte> PreluElement(PreluParams p) => (a, b) => Prelu.Element(p, a, b);

    private static int[] Bias(IrGraph g, IrOperator op) => op.Inputs.Count > 2 ? g.Tensor(op.Inputs[2]).ReadInt32() : Array.Empty<int>();

    private static QuantizationParams Quant(IrTensor t) =>
        t.Quant is { } q ? new QuantizationParams(q.Scales[0], q.ZeroPoints[0]) : default;

    private static Nhwc Shape(IrTensor t) => t.Shape.Count == 4
        ? new Nhwc(t.Shape[0], t.Shape[1], t.Shape[2], t.Shape[3])
        : new Nhwc(t.Shape[0], 1, 1, (int)(t.ElementCount / t.Shape[0]));

    // For each output element, the flat index it reads in each operand (size-1 dimensions broadcast).
    private static (int[] A, int[] B) BroadcastIndex(EquatableArray<int> sa, EquatableArray<int> sb, EquatableArray<int> sy)
    {
        long count = TensorShape.ElementCount(sy);
        var a = new int[count];
        var b = new int[count];
        var index = new int[sy.Count];
        for (int i = 0; i < count; i++)
        {
            int rem = i;
            for (int d = sy.Count - 1; d >= 0; d--)
            {
                index[d] = rem % sy[d];
                rem /= sy[d];
            }
            a[i] = Flat(sa, index);
            b[i] = Flat(sb, index);
        }
        return (a, b);
    }

    private static int Flat(EquatableArray<int> shape, int[] index)
    {
        int flat = 0;
        for (int d = 0; d < shape.Count; d++)
        {
            flat = (flat * shape[d]) + (shape[d] == 1 ? 0 : index[d]);
        }
        return flat;
    }
}
