using MicroBackbone.CSharpEmitter.Spec;

namespace MicroBackbone.CSharpEmitter.Emitting;

/// <summary>
/// Writes one layer call of the generated <c>Run</c> method: a comment naming the operator, then a call into
/// MicroBackbone.Runtime with every argument named and every number a literal.
/// </summary>
internal static class StepEmitter
{
    private const string Runtime = "global::MicroBackbone.Runtime.";

    /// <summary>Writes <paramref name="step"/>, the <paramref name="index"/>-th call.</summary>
    public static void Write(SourceWriter w, StepSpec step, int index)
    {
        w.Line($"// {CSharpLiteral.Int(index)}. {step.OperatorKind} {CSharpIdentifier.StringLiteral(step.OperatorName)}: {Describe(step)}");
        switch (step)
        {
            case Conv2DStep s:
                Call(w, "Conv2D.Run",
                    ("inputShape", Shape(s.InputShape)), ("outputShape", Shape(s.OutputShape)), ("window", Window(s.Window)),
                    ("inputZeroPoint", Int(s.InputZeroPoint)), ("input", Slice(s.Input)), ("weights", s.Weights),
                    ("foldedBias", s.FoldedBias), ("multipliers", s.Multipliers), ("shifts", s.Shifts),
                    ("outputZeroPoint", Int(s.OutputZeroPoint)), ("activationMin", Int(s.Clamp.Min)),
                    ("activationMax", Int(s.Clamp.Max)), ("output", Slice(s.Output)), ("packed", PackedFiltersField(s.Weights)));
                break;
            case DepthwiseConv2DStep s:
                Call(w, "DepthwiseConv2D.Run",
                    ("inputShape", Shape(s.InputShape)), ("outputShape", Shape(s.OutputShape)), ("window", Window(s.Window)),
                    ("inputZeroPoint", Int(s.InputZeroPoint)), ("input", Slice(s.Input)), ("weights", s.Weights),
                    ("foldedBias", s.FoldedBias), ("multipliers", s.Multipliers), ("shifts", s.Shifts),
                    ("outputZeroPoint", Int(s.OutputZeroPoint)), ("activationMin", Int(s.Clamp.Min)),
                    ("activationMax", Int(s.Clamp.Max)), ("output", Slice(s.Output)));
                break;
            case DepthwiseMultiplierConv2DStep s:
                Call(w, "DepthwiseMultiplierConv2D.Run",
                    ("inputShape", Shape(s.InputShape)), ("outputShape", Shape(s.OutputShape)), ("window", Window(s.Window)),
                    ("depthMultiplier", Int(s.DepthMultiplier)), ("inputZeroPoint", Int(s.InputZeroPoint)), ("input", Slice(s.Input)),
                    ("weights", s.Weights), ("foldedBias", s.FoldedBias), ("multipliers", s.Multipliers), ("shifts", s.Shifts),
                    ("outputZeroPoint", Int(s.OutputZeroPoint)), ("activationMin", Int(s.Clamp.Min)),
                    ("activationMax", Int(s.Clamp.Max)), ("output", Slice(s.Output)));
                break;
            case GroupedConv2DStep s:
                Call(w, "GroupedConv2D.Run",
                    ("inputShape", Shape(s.InputShape)), ("outputShape", Shape(s.OutputShape)), ("window", Window(s.Window)),
                    ("groups", Int(s.Groups)), ("inputZeroPoint", Int(s.InputZeroPoint)), ("input", Slice(s.Input)),
                    ("weights", s.Weights), ("foldedBias", s.FoldedBias), ("multipliers", s.Multipliers), ("shifts", s.Shifts),
                    ("outputZeroPoint", Int(s.OutputZeroPoint)), ("activationMin", Int(s.Clamp.Min)),
                    ("activationMax", Int(s.Clamp.Max)), ("output", Slice(s.Output)));
                break;
            case FullyConnectedStep s:
                Call(w, "FullyConnected.Run",
                    ("batches", Int(s.Batches)), ("inputDepth", Int(s.InputDepth)), ("outputDepth", Int(s.OutputDepth)),
                    ("input", Slice(s.Input)), ("weights", s.Weights), ("foldedBias", s.FoldedBias),
                    ("multipliers", s.Multipliers), ("shifts", s.Shifts), ("outputZeroPoint", Int(s.OutputZeroPoint)),
                    ("activationMin", Int(s.Clamp.Min)), ("activationMax", Int(s.Clamp.Max)), ("output", Slice(s.Output)),
                    ("packed", PackedFiltersField(s.Weights)));
                break;
            case AddStep s:
                Call(w, "Add.Run",
                    ("p", New("AddParameters",
                        ("input1ZeroPoint", Int(s.Input1ZeroPoint)), ("input1Multiplier", Int(s.Input1Multiplier.Multiplier)),
                        ("input1Shift", Int(s.Input1Multiplier.Shift)), ("input2ZeroPoint", Int(s.Input2ZeroPoint)),
                        ("input2Multiplier", Int(s.Input2Multiplier.Multiplier)), ("input2Shift", Int(s.Input2Multiplier.Shift)),
                        ("outputMultiplier", Int(s.OutputMultiplier.Multiplier)), ("outputShift", Int(s.OutputMultiplier.Shift)),
                        ("outputZeroPoint", Int(s.OutputZeroPoint)), ("activationMin", Int(s.Clamp.Min)),
                        ("activationMax", Int(s.Clamp.Max)))),
                    ("input1", Slice(s.Input)), ("input2", Slice(s.Input2)), ("output", Slice(s.Output)));
                break;
            case MulStep s:
                var mul = New("MulParameters",
                    ("input1ZeroPoint", Int(s.Input1ZeroPoint)), ("input2ZeroPoint", Int(s.Input2ZeroPoint)),
                    ("outputMultiplier", Int(s.OutputMultiplier.Multiplier)), ("outputShift", Int(s.OutputMultiplier.Shift)),
                    ("outputZeroPoint", Int(s.OutputZeroPoint)), ("activationMin", Int(s.Clamp.Min)),
                    ("activationMax", Int(s.Clamp.Max)));
                if (s.BroadcastShape is { } gated)
                {
                    Call(w, "Mul.RunChannelGate", ("p", mul), ("shape", Shape(gated)), ("input", Slice(s.Input)),
                        ("gate", Slice(s.Input2)), ("output", Slice(s.Output)));
                }
                else
                {
                    Call(w, "Mul.Run", ("p", mul), ("input1", Slice(s.Input)), ("input2", Slice(s.Input2)), ("output", Slice(s.Output)));
                }

                break;
            case MeanStep s:
                Call(w, "Mean.Run",
                    ("inputShape", Shape(s.InputShape)), ("inputZeroPoint", Int(s.InputZeroPoint)),
                    ("multiplier", Int(s.Multiplier.Multiplier)), ("shift", Int(s.Multiplier.Shift)),
                    ("outputZeroPoint", Int(s.OutputZeroPoint)), ("input", Slice(s.Input)), ("output", Slice(s.Output)));
                break;
            case Pool2DStep s:
                Call(w, s.IsMax ? "MaxPool2D.Run" : "AveragePool2D.Run",
                    ("inputShape", Shape(s.InputShape)), ("outputShape", Shape(s.OutputShape)), ("window", Window(s.Window)),
                    ("activationMin", Int(s.Clamp.Min)), ("activationMax", Int(s.Clamp.Max)),
                    ("input", Slice(s.Input)), ("output", Slice(s.Output)));
                break;
            case PadStep s:
                Call(w, "Pad.Run",
                    ("inputShape", Shape(s.InputShape)), ("outputShape", Shape(s.OutputShape)), ("padBatch", "0"),
                    ("padTop", Int(s.PadTop)), ("padLeft", Int(s.PadLeft)), ("padChannels", "0"), ("fill", Int(s.Fill)),
                    ("input", Slice(s.Input)), ("output", Slice(s.Output)));
                break;
            case ShiftStep s:
                Call(w, "Shift.Run",
                    ("shape", Shape(s.Shape)), ("offsetY", s.OffsetsY), ("offsetX", s.OffsetsX), ("fill", Int(s.Fill)),
                    ("input", Slice(s.Input)), ("output", Slice(s.Output)));
                break;
            case CopyStep s:
                w.Line($"{Slice(s.Input)}.CopyTo({Slice(s.Output)});");
                break;
            case LookupStep s:
                Call(w, "LookupTable.Apply", ("table", s.Table), ("input", Slice(s.Input)), ("output", Slice(s.Output)));
                break;
            case SoftmaxStep s:
                Call(w, "Softmax.Run",
                    ("depth", Int(s.Depth)), ("inputMultiplier", Int(s.InputMultiplier.Multiplier)),
                    ("inputShift", Int(s.InputMultiplier.Shift)), ("diffMin", Int(s.DiffMin)),
                    ("input", Slice(s.Input)), ("output", Slice(s.Output)));
                break;
            case StridedCopyStep s:
                WriteStridedCopy(w, s);
                break;
            case SubStep s:
                Call(w, "Sub.Run",
                    ("p", New("AddParameters",
                        ("input1ZeroPoint", Int(s.Input1ZeroPoint)), ("input1Multiplier", Int(s.Input1Multiplier.Multiplier)),
                        ("input1Shift", Int(s.Input1Multiplier.Shift)), ("input2ZeroPoint", Int(s.Input2ZeroPoint)),
                        ("input2Multiplier", Int(s.Input2Multiplier.Multiplier)), ("input2Shift", Int(s.Input2Multiplier.Shift)),
                        ("outputMultiplier", Int(s.OutputMultiplier.Multiplier)), ("outputShift", Int(s.OutputMultiplier.Shift)),
                        ("outputZeroPoint", Int(s.OutputZeroPoint)), ("activationMin", Int(s.Clamp.Min)),
                        ("activationMax", Int(s.Clamp.Max)))),
                    ("shape", Broadcast(s.Shape)), ("input1", Operand(s.Input1)), ("input2", Operand(s.Input2)), ("output", Slice(s.Output)));
                break;
            case MaximumMinimumStep s:
                Call(w, "MaximumMinimum.Run",
                    ("maximum", s.IsMaximum ? "true" : "false"), ("shape", Broadcast(s.Shape)), ("input1", Operand(s.Input1)),
                    ("input2", Operand(s.Input2)), ("output", Slice(s.Output)));
                break;
            case PreluStep s:
                Call(w, "Prelu.Run",
                    ("inputZeroPoint", Int(s.InputZeroPoint)), ("alphaZeroPoint", Int(s.AlphaZeroPoint)), ("outputZeroPoint", Int(s.OutputZeroPoint)),
                    ("positiveMultiplier", Int(s.Positive.Multiplier)), ("positiveShift", Int(s.Positive.Shift)),
                    ("negativeMultiplier", Int(s.Negative.Multiplier)), ("negativeShift", Int(s.Negative.Shift)),
                    ("shape", Broadcast(s.Shape)), ("input", Operand(s.Input1)), ("alpha", Operand(s.Alpha)), ("output", Slice(s.Output)));
                break;
            case ResizeStep s:
                Call(w, s.IsBilinear ? "Resize.Bilinear" : "Resize.Nearest",
                    ("input", Shape(s.InputShape)), ("outputHeight", Int(s.OutputHeight)), ("outputWidth", Int(s.OutputWidth)),
                    ("rows", s.Rows), ("cols", s.Columns), ("source", Slice(s.Input)), ("output", Slice(s.Output)));
                break;
            case SvdfStep s:
                Call(w, "Svdf.Run",
                    ("p", New("SvdfParameters",
                        ("batches", Int(s.Batches)), ("inputSize", Int(s.InputSize)), ("filters", Int(s.Filters)),
                        ("memory", Int(s.Memory)), ("rank", Int(s.Rank)), ("inputZeroPoint", Int(s.InputZeroPoint)),
                        ("stateZeroPoint", Int(s.StateZeroPoint)), ("outputZeroPoint", Int(s.OutputZeroPoint)),
                        ("featureMultiplier", Int(s.FeatureMultiplier.Multiplier)), ("featureShift", Int(s.FeatureMultiplier.Shift)),
                        ("outputMultiplier", Int(s.OutputMultiplier.Multiplier)), ("outputShift", Int(s.OutputMultiplier.Shift)),
                        ("int8State", s.Int8State ? "true" : "false"))),
                    ("input", Slice(s.Input)), ("weightsFeature", s.WeightsFeature), ("weightsTime", s.WeightsTime),
                    ("bias", s.Bias ?? "default"), ("state", $"state.Slice({Int(s.State.Offset)}, {Int(s.State.Length)})"),
                    ("output", Slice(s.Output)));
                break;
            case TransposeConv2DStep s:
                Call(w, "TransposeConv2D.Run",
                    ("inputShape", Shape(s.InputShape)), ("outputShape", Shape(s.OutputShape)),
                    ("kernelHeight", Int(s.KernelHeight)), ("kernelWidth", Int(s.KernelWidth)),
                    ("strideHeight", Int(s.StrideHeight)), ("strideWidth", Int(s.StrideWidth)),
                    ("padTop", Int(s.PadTop)), ("padLeft", Int(s.PadLeft)), ("inputZeroPoint", Int(s.InputZeroPoint)),
                    ("input", Slice(s.Input)), ("weights", s.Weights), ("bias", s.Bias), ("multipliers", s.Multipliers),
                    ("shifts", s.Shifts), ("outputZeroPoint", Int(s.OutputZeroPoint)), ("activationMin", Int(s.Clamp.Min)),
                    ("activationMax", Int(s.Clamp.Max)), ("output", Slice(s.Output)));
                break;
            default:
                throw new InvalidOperationException($"no C# form for step {step.GetType().Name}");
        }
    }

    private static void WriteStridedCopy(SourceWriter w, StridedCopyStep s)
    {
        if (s.Fill is { } fill)
        {
            w.Line($"{Slice(s.Output)}.Fill({Int(fill)});");
        }

        foreach (var part in s.Parts)
        {
            Call(w, "StridedCopy.Run",
                ("walk", part.Walk), ("inputOffset", Int(part.InputOffset)), ("outputOffset", Int(part.OutputOffset)),
                ("input", part.Constant ?? Slice(part.Source)), ("output", Slice(s.Output)));
        }
    }

    /// <summary>
    /// Writes, for each convolution and fully connected step, the static field holding its filters packed for the
    /// machine (<c>PackedFilters</c>, created once when the type loads) that the step's call passes.
    /// </summary>
    public static void WritePackedFilters(SourceWriter w, IReadOnlyList<StepSpec> steps)
    {
        foreach (var step in steps)
        {
            var (weights, outputs, bias, multipliers, shifts) = step switch
            {
                Conv2DStep s => (s.Weights, s.OutputShape.Channels, s.FoldedBias, s.Multipliers, s.Shifts),
                FullyConnectedStep s => (s.Weights, s.OutputDepth, s.FoldedBias, s.Multipliers, s.Shifts),
                _ => (null, 0, null, null, null),
            };
            if (weights is null)
            {
                continue;
            }

            w.Line();
            w.Line($"/// <summary>The filters of {ModelEmitter.Xml(step.OperatorName)}, laid out once for this machine's convolution engine.</summary>");
            w.Line($"private static readonly {Runtime}PackedFilters {PackedFiltersField(weights)} =");
            w.Indented(() => w.Line($"{Runtime}PackedFilters.Create({weights}, {Int(outputs)}, {bias}, {multipliers}, {shifts});"));
        }
    }

    /// <summary>The field name of a step's packed filters, from its (unique, sanitized) weights identifier.</summary>
    private static string PackedFiltersField(string weights) => "s_" + weights.TrimStart('@') + "Packed";

    /// <summary><c>arena.Slice(offset, length)</c>.</summary>
    public static string Slice(ArenaRegion r) => $"arena.Slice({Int(r.Offset)}, {Int(r.Length)})";

    private static string Describe(StepSpec step) =>
        $"arena [{Int(step.Input.Offset)}, +{Int(step.Input.Length)}) -> [{Int(step.Output.Offset)}, +{Int(step.Output.Length)})";

    private static void Call(SourceWriter w, string method, params (string Name, string Value)[] arguments)
    {
        w.Line(Runtime + method + "(");
        w.Indented(() =>
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                w.Line($"{arguments[i].Name}: {arguments[i].Value}{(i == arguments.Length - 1 ? ");" : ",")}");
            }
        });
    }

    private static string New(string type, params (string Name, string Value)[] arguments) =>
        $"new {Runtime}{type}({string.Join(", ", arguments.Select(a => a.Name + ": " + a.Value))})";

    private static string Shape(Shape4 s) =>
        $"new {Runtime}TensorShape({Int(s.Batch)}, {Int(s.Height)}, {Int(s.Width)}, {Int(s.Channels)})";

    private static string Operand(OperandSpec o) => o.Constant ?? Slice(o.Region);

    private static string Broadcast(BroadcastSpec b) =>
        $"new {Runtime}BroadcastShape({string.Join(", ", b.Dims.Concat(b.AStrides).Concat(b.BStrides).Select(Int))})";

    private static string Window(WindowSpec k) =>
        $"new {Runtime}Window2D({Int(k.KernelHeight)}, {Int(k.KernelWidth)}, {Int(k.StrideHeight)}, {Int(k.StrideWidth)}, "
        + $"{Int(k.DilationHeight)}, {Int(k.DilationWidth)}, {Int(k.PadTop)}, {Int(k.PadLeft)}, {Int(k.PadBottom)}, {Int(k.PadRight)})";

    private static string Int(int value) => CSharpLiteral.Int(value);
}
