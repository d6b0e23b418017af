using System.Globalization;
using MicroBackbone.CSharpEmitter.Spec;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.CSharpEmitter.Lowering;

/// <summary>
/// Lowers one operator: reads its tensors and attributes, runs the int8 spec's Prepare and records the integers in
/// a <see cref="StepSpec"/>. Returns null for a Reshape the planner made free (output shares the input's buffer).
/// </summary>
internal sealed class OperatorLowering(IrGraph graph, MemoryPlan plan, ConstantTable constants, int index)
{
    private readonly IrOperator _op = graph.Operators[index];

    /// <summary>The step, or null when the operator needs no code.</summary>
    public StepSpec? Lower()
    {
        try
        {
            return _op.Kind switch
            {
                IrOpKind.Conv2D => Conv2D(),
                IrOpKind.DepthwiseConv2D => Depthwise(),
                IrOpKind.FullyConnected => FullyConnected(),
                IrOpKind.Add => Add(),
                IrOpKind.Mul => Mul(),
                IrOpKind.GlobalAveragePool => Mean(),
                IrOpKind.AveragePool2D or IrOpKind.MaxPool2D => Pool(),
                IrOpKind.Pad => Pad(),
                IrOpKind.Shift => Shift(),
                IrOpKind.Reshape => Reshape(),
                IrOpKind.Softmax => Softmax(),
                IrOpKind.Svdf => Svdf(),
                IrOpKind.Relu or IrOpKind.Relu6 or IrOpKind.HardSigmoid or IrOpKind.HardSwish or IrOpKind.Sigmoid
                    or IrOpKind.Quantize => Lookup(),
                IrOpKind.Transpose or IrOpKind.StridedSlice or IrOpKind.Concatenation or IrOpKind.PadV2 =>
                    StridedCopyLowering.Lower(graph, plan, constants, _op, Quant),
                IrOpKind.LeakyRelu or IrOpKind.Tanh => Lookup(),
                IrOpKind.Sub or IrOpKind.Maximum or IrOpKind.Minimum or IrOpKind.Prelu => BinaryMathLowering.Lower(graph, plan, constants, _op, Unsupported, Quant),
                IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear => Resize(),
                IrOpKind.TransposeConv2D => TransposeConv2D(),
                _ => throw Unsupported("has no int8 C# form (float32 operators run only in the reference interpreter)"),
            };
        }
        catch (QuantizationException e)
        {
            throw new CSharpEmitException($"C# back end: {Where}: {e.Message}", e);
        }
    }

    private string Where => $"operator #{index.ToString(CultureInfo.InvariantCulture)} {_op.Kind} '{_op.Name}'";

    private IrTensor X => graph.Tensor(_op.Inputs[0]);

    private IrTensor Y => graph.Tensor(_op.Outputs[0]);

    private StepSpec Svdf()
    {
        var time = graph.Tensor(_op.Inputs[2]);
        var state = graph.Tensor(_op.Inputs[3]);
        var int8State = time.DataType == IrDataType.Int8 && state.DataType == IrDataType.Int8;
        if (X.DataType != IrDataType.Int8 || !(int8State || (time.DataType == IrDataType.Int16 && state.DataType == IrDataType.Int16)))
        {
            throw Unsupported($"needs an int8 input with int16 (or int8) time weights and state, got {X.Describe()}, {time.Describe()}, {state.Describe()}");
        }

        var p = SvdfParams.ForOperator(graph, _op);
        var feature = constants.Int8Tensor(graph.Tensor(_op.Inputs[1]), _op.Name, "FeatureWeights");
        var timeWeights = constants.Int16Tensor(time, _op.Name, "TimeWeights");
        var bias = _op.Inputs.Count > 4 ? constants.Int32Tensor(graph.Tensor(_op.Inputs[4]), _op.Name, "Bias") : null;
        return new SvdfStep(_op.Name, Region(X), Region(Y), StateLayout.Region(graph, state.Id), p.Batches, p.InputSize, p.Filters, p.Memory,
            p.Rank, p.InputZeroPoint, p.StateZeroPoint, p.OutputZeroPoint, Spec(p.FeatureToState), Spec(p.StateToOutput), feature, timeWeights, bias, int8State);
    }

    private StepSpec Conv2D()
    {
        var a = _op.AttributesAs<Conv2DAttributes>();
        var w = graph.Tensor(_op.Inputs[1]);
        var window = Window2D.Of(w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding);
        var p = Conv2DParams.Prepare(Shape(X), w.Shape[0], window, Quant(X), WeightScales(w), Quant(Y), a.Activation, a.Groups);
        CheckShape(p.Output);
        var weights = constants.Int8Tensor(w, _op.Name, "Weights");
        var bias = FoldedBias(w, p.Output.Channels, -p.InputOffset, depthwise: false);
        var (m, s) = Multipliers(p.Multipliers);
        if (a.Groups != 1)
        {
            // The packed engines of Conv2D assume dense filters; grouped ones take the general kernel.
            return new GroupedConv2DStep(_op.Name, Region(X), Region(Y), Spec(p.Input), Spec(p.Output), Spec(window), a.Groups,
                weights, bias, m, s, -p.InputOffset, p.OutputOffset, Spec(p.Clamp));
        }

        return new Conv2DStep(_op.Name, Region(X), Region(Y), Spec(p.Input), Spec(p.Output), Spec(window), weights, bias, m, s,
            -p.InputOffset, p.OutputOffset, Spec(p.Clamp));
    }

    private StepSpec Depthwise()
    {
        var a = _op.AttributesAs<DepthwiseConv2DAttributes>();
        var w = graph.Tensor(_op.Inputs[1]);
        var window = Window2D.Of(w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding);
        var p = DepthwiseConv2DParams.Prepare(Shape(X), window, Quant(X), WeightScales(w), Quant(Y), a.Activation, a.DepthMultiplier);
        CheckShape(p.Output);
        var weights = constants.Int8Tensor(w, _op.Name, "Weights");
        var bias = FoldedBias(w, p.Output.Channels, -p.InputOffset, depthwise: true);
        var (m, s) = Multipliers(p.Multipliers);
        if (a.DepthMultiplier != 1)
        {
            // The multiplier-1 kernel's vector paths assume output channel = input channel; others take the general kernel.
            return new DepthwiseMultiplierConv2DStep(_op.Name, Region(X), Region(Y), Spec(p.Input), Spec(p.Output), Spec(window),
                a.DepthMultiplier, weights, bias, m, s, -p.InputOffset, p.OutputOffset, Spec(p.Clamp));
        }

        return new DepthwiseConv2DStep(_op.Name, Region(X), Region(Y), Spec(p.Input), Spec(p.Output), Spec(window), weights, bias, m, s,
            -p.InputOffset, p.OutputOffset, Spec(p.Clamp));
    }

    private StepSpec FullyConnected()
    {
        var a = _op.AttributesAs<FullyConnectedAttributes>();
        var w = graph.Tensor(_op.Inputs[1]);
        var batches = X.Shape[0];
        var depth = checked((int)(X.ElementCount / batches));
        var p = FullyConnectedParams.Prepare(batches, depth, w.Shape[0], Quant(X), WeightScales(w), Quant(Y), a.Activation);
        var weights = constants.Int8Tensor(w, _op.Name, "Weights");
        var bias = FoldedBias(w, p.OutputDepth, -p.InputOffset, depthwise: false);
        var (m, s) = Multipliers(p.Multipliers);
        return new FullyConnectedStep(_op.Name, Region(X), Region(Y), p.Batches, p.InputDepth, p.OutputDepth, weights, bias, m, s,
            p.OutputOffset, Spec(p.Clamp));
    }

    private StepSpec Add()
    {
        var b = graph.Tensor(_op.Inputs[1]);
        if (X.Shape != b.Shape)
        {
            throw Unsupported($"adds {X.Describe()} and {b.Describe()}; the int8 Add takes operands of the same shape");
        }

        var p = AddParams.Prepare(Quant(X), Quant(b), Quant(Y), _op.FusedActivation);
        return new AddStep(_op.Name, Region(X), Region(b), Region(Y), -p.Input1Offset, -p.Input2Offset,
            Spec(p.Input1Multiplier), Spec(p.Input2Multiplier), Spec(p.OutputMultiplier), p.OutputOffset, Spec(p.Clamp));
    }

    private StepSpec Mul()
    {
        var a = X;
        var b = graph.Tensor(_op.Inputs[1]);
        if (IsChannelGate(a, b))
        {
            // Multiplication commutes; the kernel wants the full tensor first and the [N, 1, 1, C] gate second.
            (a, b) = (b, a);
        }

        Shape4? broadcast = null;
        if (a.Shape != b.Shape)
        {
            if (!IsChannelGate(b, a))
            {
                throw Unsupported($"multiplies {a.Describe()} and {b.Describe()}; the int8 Mul takes equal shapes or an [N, 1, 1, C] gate");
            }

            broadcast = Spec(Shape(a));
        }

        var p = MulParams.Prepare(Quant(a), Quant(b), Quant(Y), _op.FusedActivation);
        return new MulStep(_op.Name, Region(a), Region(b), Region(Y), -p.Input1Offset, -p.Input2Offset,
            Spec(p.OutputMultiplier), p.OutputOffset, Spec(p.Clamp), broadcast);
    }

    private StepSpec Mean()
    {
        var p = MeanParams.Prepare(Shape(X), Quant(X), Quant(Y));
        return new MeanStep(_op.Name, Region(X), Region(Y), Spec(p.Input), p.InputZeroPoint, p.OutputZeroPoint, Spec(p.Multiplier));
    }

    private StepSpec Pool()
    {
        var a = _op.AttributesAs<Pool2DAttributes>();
        var window = Window2D.Of(a.FilterH, a.FilterW, a.StrideH, a.StrideW, 1, 1, a.Padding);
        var p = Pool2DParams.Prepare(Shape(X), window, Quant(X), Quant(Y), a.Activation);
        CheckShape(p.Output);
        return new Pool2DStep(_op.Name, _op.Kind == IrOpKind.MaxPool2D, Region(X), Region(Y), Spec(p.Input), Spec(p.Output),
            Spec(window), Spec(p.Clamp));
    }

    private StepSpec Pad()
    {
        var pad = _op.AttributesAs<PadAttributes>().Padding;
        var p = PadParams.Prepare(Shape(X), new[] { 0, pad.Top, pad.Left, 0 }, new[] { 0, pad.Bottom, pad.Right, 0 }, Quant(X), Quant(Y));
        CheckShape(p.Output);
        return new PadStep(_op.Name, Region(X), Region(Y), Spec(p.Input), Spec(p.Output), pad.Top, pad.Left, p.Fill);
    }

    private StepSpec Shift()
    {
        var offsets = _op.AttributesAs<ShiftAttributes>().Offsets;
        var p = ShiftParams.Prepare(Shape(X), offsets.Select(o => o.Dy).ToList(), offsets.Select(o => o.Dx).ToList(), Quant(X));
        // The IR, the int8 spec and MicroBackbone.Runtime's Shift.Run all read out[y, x] = in[y + dy, x + dx].
        var dy = constants.Int32Values(p.OffsetY, _op.Name, "OffsetsY", $"row offset dy per channel of '{_op.Name}'");
        var dx = constants.Int32Values(p.OffsetX, _op.Name, "OffsetsX", $"column offset dx per channel of '{_op.Name}'");
        return new ShiftStep(_op.Name, Region(X), Region(Y), Spec(p.Shape), dy, dx, p.Fill);
    }

    private StepSpec? Reshape()
    {
        var from = Region(X);
        var to = Region(Y);
        Quant(X);
        return from.Offset == to.Offset ? null : new CopyStep(_op.Name, from, to);
    }

    private StepSpec Softmax()
    {
        var beta = _op.AttributesAs<SoftmaxAttributes>().Beta;
        RequireOutput(SoftmaxParams.OutputQuantization);
        var depth = X.Shape[X.Shape.Count - 1];
        var p = SoftmaxParams.Prepare(depth, Quant(X), beta);
        return new SoftmaxStep(_op.Name, Region(X), Region(Y), p.Depth, Spec(p.InputMultiplier), p.DiffMin);
    }

    private StepSpec Resize()
    {
        var a = _op.AttributesAs<ResizeAttributes>();
        Quant(X);
        Quant(Y);
        var shape = Shape(X);
        if (_op.Kind == IrOpKind.ResizeNearestNeighbor)
        {
            var p = ResizeNearestNeighborParams.Prepare(shape, a.Height, a.Width, a.AlignCorners, a.HalfPixelCenters);
            CheckShape(p.Output);
            var rows = constants.Int32Values(p.SourceRows, _op.Name, "Rows", $"input row of each output row of '{_op.Name}'");
            var cols = constants.Int32Values(p.SourceColumns, _op.Name, "Columns", $"input column of each output column of '{_op.Name}'");
            return new ResizeStep(_op.Name, false, Region(X), Region(Y), Spec(shape), a.Height, a.Width, rows, cols);
        }

        var b = ResizeBilinearParams.Prepare(shape, a.Height, a.Width, a.AlignCorners, a.HalfPixelCenters);
        CheckShape(b.Output);
        static IEnumerable<int> Triples(ResizeBilinearParams.Axis axis) =>
            Enumerable.Range(0, axis.Scaled.Count).SelectMany(i => new[] { axis.Scaled[i], axis.Lower[i], axis.Upper[i] });
        var r = constants.Int32Values(Triples(b.Rows), _op.Name, "Rows", $"per output row of '{_op.Name}': position in 1/1024 pixel, lower and upper input row");
        var c = constants.Int32Values(Triples(b.Columns), _op.Name, "Columns", $"per output column of '{_op.Name}': position in 1/1024 pixel, lower and upper input column");
        return new ResizeStep(_op.Name, true, Region(X), Region(Y), Spec(shape), a.Height, a.Width, r, c);
    }

    private StepSpec TransposeConv2D()
    {
        var a = _op.AttributesAs<TransposeConv2DAttributes>();
        var w = graph.Tensor(_op.Inputs[1]);
        var p = TransposeConv2DParams.Prepare(Shape(X), Shape(Y), w.Shape[1], w.Shape[2], a.StrideH, a.StrideW, a.PadTop, a.PadLeft,
            Quant(X), WeightScales(w), Quant(Y), a.Activation);
        CheckShape(p.Output);
        var weights = constants.Int8Tensor(w, _op.Name, "Weights");
        var bias = new int[p.Output.Channels];
        if (_op.Inputs.Count >= 3)
        {
            var b = graph.Tensor(_op.Inputs[2]);
            if (b.DataType != IrDataType.Int32 || !b.IsConstant || b.ElementCount != bias.Length)
            {
                throw Unsupported($"bias {b.Describe()} must be an int32 constant with {bias.Length} values");
            }

            bias = b.ReadInt32();
        }

        var biasId = constants.Int32Values(bias, _op.Name, "Bias", $"bias per filter of '{_op.Name}'");
        var (m, s) = Multipliers(p.Multipliers);
        return new TransposeConv2DStep(_op.Name, Region(X), Region(Y), Spec(p.Input), Spec(p.Output), p.KernelHeight, p.KernelWidth,
            p.StrideHeight, p.StrideWidth, p.PadTop, p.PadLeft, weights, biasId, m, s, -p.InputOffset, p.OutputOffset, Spec(p.Clamp));
    }

    private StepSpec Lookup()
    {
        var inQ = Quant(X);
        var outQ = Quant(Y);
        var all = new sbyte[256];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = (sbyte)(i - 128);
        }

        var table = new sbyte[256];
        switch (_op.Kind)
        {
            case IrOpKind.Relu6:
                // TFLite Micro clamps in the input's domain, without rescaling (Relu6.Prepare).
                Relu6.Eval(Relu6.Prepare(inQ), all, table);
                break;
            case IrOpKind.Relu:
                // A standalone ReLU rescales to its output parameters, then clamps at real 0.
                Requantize.Eval(RequantizeParams.Prepare(inQ, outQ), all, table);
                var range = ActivationRange.For(FusedActivation.Relu, outQ);
                for (var i = 0; i < table.Length; i++)
                {
                    table[i] = (sbyte)range.Clamp(table[i]);
                }

                break;
            case IrOpKind.Quantize:
                Requantize.Eval(RequantizeParams.Prepare(inQ, outQ), all, table);
                break;
            case IrOpKind.HardSwish:
                HardSwish.Eval(HardSwishParams.Prepare(inQ, outQ), all, table);
                break;
            case IrOpKind.HardSigmoid:
                RequireOutput(HardSigmoidParams.OutputQuantization);
                HardSigmoid.Eval(HardSigmoidParams.Prepare(inQ), all, table);
                break;
            case IrOpKind.LeakyRelu:
                LeakyRelu.Eval(LeakyReluParams.Prepare(inQ, outQ, _op.AttributesAs<LeakyReluAttributes>().Alpha), all, table);
                break;
            case IrOpKind.Tanh:
                // TFLM's int8 tanh writes Q0.7 whatever the output tensor declares; the table does the same.
                Tanh.Eval(TanhParams.Prepare(inQ), all, table);
                break;
            default:
                RequireOutput(LogisticParams.OutputQuantization);
                Logistic.Eval(LogisticParams.Prepare(inQ), all, table);
                break;
        }

        var id = constants.Int8Values(table, _op.Name, "Table", $"{_op.Kind} '{_op.Name}' of q = -128..127");
        return new LookupStep(_op.Kind.ToString(), _op.Name, Region(X), Region(Y), id);
    }

    /// <summary>
    /// bias[o] - inputZeroPoint * sum(filter o) in wrapping int32 (bias 0 when the operator has none): the runtime
    /// kernels then read padded taps as the zero point, which equals the reference's skipped taps.
    /// </summary>
    private string FoldedBias(IrTensor weights, int channels, int inputZeroPoint, bool depthwise)
    {
        var folded = new int[channels];
        if (_op.Inputs.Count >= 3)
        {
            var b = graph.Tensor(_op.Inputs[2]);
            if (b.DataType != IrDataType.Int32 || !b.IsConstant || b.ElementCount != channels)
            {
                throw Unsupported($"bias {b.Describe()} must be an int32 constant with {channels} values");
            }

            b.ReadInt32().CopyTo(folded, 0);
        }

        var w = weights.ReadInt8();
        var sums = new int[channels];
        if (depthwise)
        {
            for (var i = 0; i < w.Length; i++)
            {
                sums[i % channels] = unchecked(sums[i % channels] + w[i]);
            }
        }
        else
        {
            var filter = w.Length / channels;
            for (var i = 0; i < w.Length; i++)
            {
                sums[i / filter] = unchecked(sums[i / filter] + w[i]);
            }
        }

        for (var o = 0; o < channels; o++)
        {
            folded[o] = unchecked(folded[o] - (inputZeroPoint * sums[o]));
        }

        return constants.Int32Values(folded, _op.Name, "FoldedBias", $"bias of '{_op.Name}' minus input zero point {inputZeroPoint} times each filter's sum");
    }

    private (string Multipliers, string Shifts) Multipliers(QuantizedMultiplier[] multipliers) =>
        (constants.Int32Values(multipliers.Select(m => m.Multiplier), _op.Name, "Multipliers", $"fixed-point multiplier per channel of '{_op.Name}'"),
         constants.Int32Values(multipliers.Select(m => m.Shift), _op.Name, "Shifts", $"shift per channel of '{_op.Name}'"));

    private float[] WeightScales(IrTensor w)
    {
        if (w.DataType != IrDataType.Int8 || !w.IsConstant || w.Quant is not { } q)
        {
            throw Unsupported($"weights {w.Describe()} must be a quantized int8 constant");
        }

        if (q.ZeroPoints.Any(z => z != 0))
        {
            throw Unsupported($"weights {w.Describe()} must be symmetric (zero point 0)");
        }

        return q.Scales.ToArray();
    }

    private QuantizationParams Quant(IrTensor t)
    {
        if (t.DataType != IrDataType.Int8)
        {
            throw Unsupported($"tensor {t.Describe()} must be int8 (the generated C# runs int8 graphs)");
        }

        if (t.Quant is not { IsPerChannel: false } q)
        {
            throw Unsupported($"tensor {t.Describe()} needs per-tensor quantization");
        }

        return new QuantizationParams(q.Scales[0], q.ZeroPoints[0]);
    }

    private void RequireOutput(QuantizationParams expected)
    {
        if (!Quant(Y).Equals(expected))
        {
            throw Unsupported($"output {Y.Describe()} must be quantized with {expected}");
        }
    }

    private Nhwc Shape(IrTensor t) => t.Shape.Count switch
    {
        4 => new Nhwc(t.Shape[0], t.Shape[1], t.Shape[2], t.Shape[3]),
        2 => new Nhwc(t.Shape[0], 1, 1, t.Shape[1]),
        _ => throw Unsupported($"tensor {t.Describe()} must be NHWC (rank 4) or [N, features]"),
    };

    private void CheckShape(Nhwc computed)
    {
        if (computed.ElementCount != Y.ElementCount)
        {
            throw Unsupported($"the int8 kernel computes output {computed} but the graph says {Y.Describe()}");
        }
    }

    private ArenaRegion Region(IrTensor t) => ModelLowering.Region(plan, t);

    private static bool IsChannelGate(IrTensor gate, IrTensor full) =>
        gate.Shape.Count == 4 && full.Shape.Count == 4 && gate.Shape[0] == full.Shape[0] && gate.Shape[1] == 1
        && gate.Shape[2] == 1 && gate.Shape[3] == full.Shape[3] && (full.Shape[1] != 1 || full.Shape[2] != 1);

    private static Shape4 Spec(Nhwc s) => new(s.Batch, s.Height, s.Width, s.Channels);

    private static WindowSpec Spec(Window2D w) => new(w.KernelHeight, w.KernelWidth, w.StrideHeight, w.StrideWidth,
        w.DilationHeight, w.DilationWidth, w.PadTop, w.PadLeft, w.PadBottom, w.PadRight);

    private static ClampSpec Spec(ActivationRange r) => new(r.Min, r.Max);

    private static MultiplierSpec Spec(QuantizedMultiplier m) => new(m.Multiplier, m.Shift);

    private CSharpEmitException Unsupported(string what) => new($"C# back end: {Where}: {what}");
}
