namespace MicroBackbone.Runtime.Loader;

/// <summary>What every convolution-like step carries: weights, folded bias and the per-channel requantization.</summary>
/// <param name="Weights">int8 filters in the kernel's layout (OHWI, 1HWO or [out, in]).</param>
/// <param name="FoldedBias">bias[o] - inputZeroPoint * sum(filter o) (wrapping int32).</param>
/// <param name="Multipliers">Per output channel Q0.31 multipliers.</param>
/// <param name="Shifts">Per output channel shifts (positive = left).</param>
/// <param name="OutputZeroPoint">Output zero point.</param>
/// <param name="ActivationMin">Lower clamp (with the zero point).</param>
/// <param name="ActivationMax">Upper clamp (with the zero point).</param>
internal sealed record FilterConstants(
    sbyte[] Weights, int[] FoldedBias, int[] Multipliers, int[] Shifts, int OutputZeroPoint, int ActivationMin, int ActivationMax);

/// <summary><see cref="Conv2D.Run"/> with its filters packed once at load time, as the generated class's static field.</summary>
internal sealed class Conv2DPlanStep : PlanStep
{
    private readonly ArenaSlice _input;
    private readonly ArenaSlice _output;
    private readonly TensorShape _inputShape;
    private readonly TensorShape _outputShape;
    private readonly Window2D _window;
    private readonly int _inputZeroPoint;
    private readonly FilterConstants _f;
    private readonly PackedFilters _packed;

    /// <summary>Fixes the call's arguments and packs the filters.</summary>
    public Conv2DPlanStep(
        ArenaSlice input, ArenaSlice output, TensorShape inputShape, TensorShape outputShape, Window2D window, int inputZeroPoint, FilterConstants f)
    {
        (_input, _output, _inputShape, _outputShape, _window, _inputZeroPoint, _f) = (input, output, inputShape, outputShape, window, inputZeroPoint, f);
        _packed = PackedFilters.Create(f.Weights, outputShape.Channels, f.FoldedBias, f.Multipliers, f.Shifts);
    }

    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        Conv2D.Run(_inputShape, _outputShape, _window, _inputZeroPoint, _input.Of(arena), _f.Weights, _f.FoldedBias, _f.Multipliers, _f.Shifts,
            _f.OutputZeroPoint, _f.ActivationMin, _f.ActivationMax, _output.Of(arena), _packed);
}

/// <summary><see cref="DepthwiseConv2D.Run"/> (depth multiplier 1).</summary>
internal sealed class DepthwiseConv2DPlanStep(
    ArenaSlice input, ArenaSlice output, TensorShape inputShape, TensorShape outputShape, Window2D window, int inputZeroPoint, FilterConstants f)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        DepthwiseConv2D.Run(inputShape, outputShape, window, inputZeroPoint, input.Of(arena), f.Weights, f.FoldedBias, f.Multipliers, f.Shifts,
            f.OutputZeroPoint, f.ActivationMin, f.ActivationMax, output.Of(arena));
}

/// <summary><see cref="DepthwiseMultiplierConv2D.Run"/> (depth multiplier above 1).</summary>
internal sealed class DepthwiseMultiplierConv2DPlanStep(
    ArenaSlice input, ArenaSlice output, TensorShape inputShape, TensorShape outputShape, Window2D window, int depthMultiplier,
    int inputZeroPoint, FilterConstants f)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        DepthwiseMultiplierConv2D.Run(inputShape, outputShape, window, depthMultiplier, inputZeroPoint, input.Of(arena), f.Weights, f.FoldedBias,
            f.Multipliers, f.Shifts, f.OutputZeroPoint, f.ActivationMin, f.ActivationMax, output.Of(arena));
}

/// <summary><see cref="GroupedConv2D.Run"/>.</summary>
internal sealed class GroupedConv2DPlanStep(
    ArenaSlice input, ArenaSlice output, TensorShape inputShape, TensorShape outputShape, Window2D window, int groups, int inputZeroPoint,
    FilterConstants f)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        GroupedConv2D.Run(inputShape, outputShape, window, groups, inputZeroPoint, input.Of(arena), f.Weights, f.FoldedBias, f.Multipliers,
            f.Shifts, f.OutputZeroPoint, f.ActivationMin, f.ActivationMax, output.Of(arena));
}

/// <summary><see cref="FullyConnected.Run"/> with its filters packed once at load time.</summary>
internal sealed class FullyConnectedPlanStep : PlanStep
{
    private readonly ArenaSlice _input;
    private readonly ArenaSlice _output;
    private readonly int _batches;
    private readonly int _inputDepth;
    private readonly int _outputDepth;
    private readonly FilterConstants _f;
    private readonly PackedFilters _packed;

    /// <summary>Fixes the call's arguments and packs the filters.</summary>
    public FullyConnectedPlanStep(ArenaSlice input, ArenaSlice output, int batches, int inputDepth, int outputDepth, FilterConstants f)
    {
        (_input, _output, _batches, _inputDepth, _outputDepth, _f) = (input, output, batches, inputDepth, outputDepth, f);
        _packed = PackedFilters.Create(f.Weights, outputDepth, f.FoldedBias, f.Multipliers, f.Shifts);
    }

    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        FullyConnected.Run(_batches, _inputDepth, _outputDepth, _input.Of(arena), _f.Weights, _f.FoldedBias, _f.Multipliers, _f.Shifts,
            _f.OutputZeroPoint, _f.ActivationMin, _f.ActivationMax, _output.Of(arena), _packed);
}

/// <summary><see cref="Svdf.Run"/> on its slice of the model's int16 state.</summary>
internal sealed class SvdfPlanStep(
    ArenaSlice input, ArenaSlice output, SvdfParameters p, sbyte[] weightsFeature, short[] weightsTime, int[]? bias, int stateOffset, int stateLength)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        Svdf.Run(p, input.Of(arena), weightsFeature, weightsTime, bias, state.Slice(stateOffset, stateLength), output.Of(arena));
}
