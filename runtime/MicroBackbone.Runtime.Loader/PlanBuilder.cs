using MicroBackbone.CSharpEmitter;
using MicroBackbone.CSharpEmitter.Spec;

namespace MicroBackbone.Runtime.Loader;

/// <summary>
/// Turns the C# back end's <see cref="ModelSpec"/> (the layer calls the generated class hard-codes, every integer from
/// the Ir's int8 Prepare code) into <see cref="PlanStep"/>s: the same kernels with the same arguments, so a loaded
/// model computes the same bytes as the generated class. Constants named by the spec become arrays, looked up once.
/// </summary>
internal sealed class PlanBuilder
{
    private readonly Dictionary<string, ConstantSpec> _constants = new(StringComparer.Ordinal);

    private PlanBuilder(ModelSpec spec)
    {
        foreach (var constant in spec.Constants)
        {
            _constants.Add(constant.Identifier, constant);
        }
    }

    /// <summary>The steps of <paramref name="spec"/>, in execution order.</summary>
    public static PlanStep[] Build(ModelSpec spec)
    {
        var builder = new PlanBuilder(spec);
        return spec.Steps.Select(builder.Step).ToArray();
    }

    private PlanStep Step(StepSpec step) => step switch
    {
        Conv2DStep s => new Conv2DPlanStep(Slice(s.Input), Slice(s.Output), Shape(s.InputShape), Shape(s.OutputShape), Window(s.Window),
            s.InputZeroPoint, Filters(s.Weights, s.FoldedBias, s.Multipliers, s.Shifts, s.OutputZeroPoint, s.Clamp)),
        DepthwiseConv2DStep s => new DepthwiseConv2DPlanStep(Slice(s.Input), Slice(s.Output), Shape(s.InputShape), Shape(s.OutputShape),
            Window(s.Window), s.InputZeroPoint, Filters(s.Weights, s.FoldedBias, s.Multipliers, s.Shifts, s.OutputZeroPoint, s.Clamp)),
        DepthwiseMultiplierConv2DStep s => new DepthwiseMultiplierConv2DPlanStep(Slice(s.Input), Slice(s.Output), Shape(s.InputShape),
            Shape(s.OutputShape), Window(s.Window), s.DepthMultiplier, s.InputZeroPoint,
            Filters(s.Weights, s.FoldedBias, s.Multipliers, s.Shifts, s.OutputZeroPoint, s.Clamp)),
        GroupedConv2DStep s => new GroupedConv2DPlanStep(Slice(s.Input), Slice(s.Output), Shape(s.InputShape), Shape(s.OutputShape),
            Window(s.Window), s.Groups, s.InputZeroPoint, Filters(s.Weights, s.FoldedBias, s.Multipliers, s.Shifts, s.OutputZeroPoint, s.Clamp)),
        FullyConnectedStep s => new FullyConnectedPlanStep(Slice(s.Input), Slice(s.Output), s.Batches, s.InputDepth, s.OutputDepth,
            Filters(s.Weights, s.FoldedBias, s.Multipliers, s.Shifts, s.OutputZeroPoint, s.Clamp)),
        AddStep s => new AddPlanStep(Slice(s.Input), Slice(s.Input2), Slice(s.Output), new AddParameters(
            s.Input1ZeroPoint, s.Input1Multiplier.Multiplier, s.Input1Multiplier.Shift, s.Input2ZeroPoint, s.Input2Multiplier.Multiplier,
            s.Input2Multiplier.Shift, s.OutputMultiplier.Multiplier, s.OutputMultiplier.Shift, s.OutputZeroPoint, s.Clamp.Min, s.Clamp.Max)),
        MulStep s => new MulPlanStep(Slice(s.Input), Slice(s.Input2), Slice(s.Output), new MulParameters(
            s.Input1ZeroPoint, s.Input2ZeroPoint, s.OutputMultiplier.Multiplier, s.OutputMultiplier.Shift, s.OutputZeroPoint, s.Clamp.Min, s.Clamp.Max),
            s.BroadcastShape is { } gate ? Shape(gate) : null),
        MeanStep s => new MeanPlanStep(Slice(s.Input), Slice(s.Output), Shape(s.InputShape), s.InputZeroPoint, s.Multiplier.Multiplier,
            s.Multiplier.Shift, s.OutputZeroPoint),
        Pool2DStep s => new Pool2DPlanStep(s.IsMax, Slice(s.Input), Slice(s.Output), Shape(s.InputShape), Shape(s.OutputShape), Window(s.Window),
            s.Clamp.Min, s.Clamp.Max),
        PadStep s => new PadPlanStep(Slice(s.Input), Slice(s.Output), Shape(s.InputShape), Shape(s.OutputShape), s.PadTop, s.PadLeft, s.Fill),
        ShiftStep s => new ShiftPlanStep(Slice(s.Input), Slice(s.Output), Shape(s.Shape), Int32(s.OffsetsY), Int32(s.OffsetsX), s.Fill),
        CopyStep s => new CopyPlanStep(Slice(s.Input), Slice(s.Output)),
        LookupStep s => new LookupPlanStep(Slice(s.Input), Slice(s.Output), Int8(s.Table)),
        SoftmaxStep s => new SoftmaxPlanStep(Slice(s.Input), Slice(s.Output), s.Depth, s.InputMultiplier.Multiplier, s.InputMultiplier.Shift, s.DiffMin),
        StridedCopyStep s => new StridedCopyPlanStep(Slice(s.Output),
            s.Parts.Select(p => new StridedCopyWalk(new PlanOperand(Slice(p.Source), p.Constant is null ? null : Int8(p.Constant)), Int32(p.Walk),
                p.InputOffset, p.OutputOffset)).ToArray(),
            s.Fill),
        SubStep s => new SubPlanStep(Operand(s.Input1), Operand(s.Input2), Slice(s.Output), new AddParameters(
            s.Input1ZeroPoint, s.Input1Multiplier.Multiplier, s.Input1Multiplier.Shift, s.Input2ZeroPoint, s.Input2Multiplier.Multiplier,
            s.Input2Multiplier.Shift, s.OutputMultiplier.Multiplier, s.OutputMultiplier.Shift, s.OutputZeroPoint, s.Clamp.Min, s.Clamp.Max),
            Broadcast(s.Shape)),
        MaximumMinimumStep s => new MaximumMinimumPlanStep(s.IsMaximum, Operand(s.Input1), Operand(s.Input2), Slice(s.Output), Broadcast(s.Shape)),
        PreluStep s => new PreluPlanStep(Operand(s.Input1), Operand(s.Alpha), Slice(s.Output), s.InputZeroPoint, s.AlphaZeroPoint, s.OutputZeroPoint,
            (s.Positive.Multiplier, s.Positive.Shift), (s.Negative.Multiplier, s.Negative.Shift), Broadcast(s.Shape)),
        ResizeStep s => new ResizePlanStep(s.IsBilinear, Slice(s.Input), Slice(s.Output), Shape(s.InputShape), s.OutputHeight, s.OutputWidth,
            Int32(s.Rows), Int32(s.Columns)),
        SvdfStep s => new SvdfPlanStep(Slice(s.Input), Slice(s.Output), new SvdfParameters(
            s.Batches, s.InputSize, s.Filters, s.Memory, s.Rank, s.InputZeroPoint, s.StateZeroPoint, s.OutputZeroPoint,
            s.FeatureMultiplier.Multiplier, s.FeatureMultiplier.Shift, s.OutputMultiplier.Multiplier, s.OutputMultiplier.Shift),
            Int8(s.WeightsFeature), Int16(s.WeightsTime), s.Bias is null ? null : Int32(s.Bias), s.State.Offset, s.State.Length),

        // The emitter and this switch cover the same closed set of steps; a new step kind must be added to both.
        _ => throw new CSharpEmitException($"run-time loader: operator '{step.OperatorName}' ({step.OperatorKind}) lowers to {step.GetType().Name}, which the loader does not run"),
    };

    private FilterConstants Filters(string weights, string foldedBias, string multipliers, string shifts, int outputZeroPoint, ClampSpec clamp) =>
        new(Int8(weights), Int32(foldedBias), Int32(multipliers), Int32(shifts), outputZeroPoint, clamp.Min, clamp.Max);

    private sbyte[] Int8(string id) => ((Int8ConstantSpec)_constants[id]).Values.ToArray();

    private int[] Int32(string id) => ((Int32ConstantSpec)_constants[id]).Values.ToArray();

    private short[] Int16(string id) => ((Int16ConstantSpec)_constants[id]).Values.ToArray();

    private PlanOperand Operand(OperandSpec o) => new(Slice(o.Region), o.Constant is null ? null : Int8(o.Constant));

    private static ArenaSlice Slice(ArenaRegion r) => new(r.Offset, r.Length);

    private static TensorShape Shape(Shape4 s) => new(s.Batch, s.Height, s.Width, s.Channels);

    private static Window2D Window(WindowSpec k) => new(k.KernelHeight, k.KernelWidth, k.StrideHeight, k.StrideWidth, k.DilationHeight,
        k.DilationWidth, k.PadTop, k.PadLeft, k.PadBottom, k.PadRight);

    private static BroadcastShape Broadcast(BroadcastSpec b) => new(
        b.Dims[0], b.Dims[1], b.Dims[2], b.Dims[3], b.AStrides[0], b.AStrides[1], b.AStrides[2], b.AStrides[3],
        b.BStrides[0], b.BStrides[1], b.BStrides[2], b.BStrides[3]);
}
