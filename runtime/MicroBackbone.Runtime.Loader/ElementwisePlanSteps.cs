namespace MicroBackbone.Runtime.Loader;

/// <summary><see cref="Add.Run"/> of two same-shape tensors.</summary>
internal sealed class AddPlanStep(ArenaSlice input1, ArenaSlice input2, ArenaSlice output, AddParameters p) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) => Add.Run(p, input1.Of(arena), input2.Of(arena), output.Of(arena));
}

/// <summary><see cref="Mul.Run"/>, or <see cref="Mul.RunChannelGate"/> when <paramref name="gateShape"/> is set.</summary>
internal sealed class MulPlanStep(ArenaSlice input1, ArenaSlice input2, ArenaSlice output, MulParameters p, TensorShape? gateShape) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state)
    {
        if (gateShape is { } shape)
        {
            Mul.RunChannelGate(p, shape, input1.Of(arena), input2.Of(arena), output.Of(arena));
        }
        else
        {
            Mul.Run(p, input1.Of(arena), input2.Of(arena), output.Of(arena));
        }
    }
}

/// <summary><see cref="Sub.Run"/> with size-1 broadcasting.</summary>
internal sealed class SubPlanStep(PlanOperand input1, PlanOperand input2, ArenaSlice output, AddParameters p, BroadcastShape shape) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) => Sub.Run(p, shape, input1.Of(arena), input2.Of(arena), output.Of(arena));
}

/// <summary><see cref="MaximumMinimum.Run"/>.</summary>
internal sealed class MaximumMinimumPlanStep(bool maximum, PlanOperand input1, PlanOperand input2, ArenaSlice output, BroadcastShape shape) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        MaximumMinimum.Run(maximum, shape, input1.Of(arena), input2.Of(arena), output.Of(arena));
}

/// <summary><see cref="Prelu.Run"/>; the multipliers are (positive, negative) pairs.</summary>
internal sealed class PreluPlanStep(
    PlanOperand input, PlanOperand alpha, ArenaSlice output, int inputZeroPoint, int alphaZeroPoint, int outputZeroPoint,
    (int Multiplier, int Shift) positive, (int Multiplier, int Shift) negative, BroadcastShape shape)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        Prelu.Run(inputZeroPoint, alphaZeroPoint, outputZeroPoint, positive.Multiplier, positive.Shift, negative.Multiplier, negative.Shift,
            shape, input.Of(arena), alpha.Of(arena), output.Of(arena));
}

/// <summary><see cref="LookupTable.Apply"/> with a 256-entry table computed by the int8 spec kernels at load time.</summary>
internal sealed class LookupPlanStep(ArenaSlice input, ArenaSlice output, sbyte[] table) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) => LookupTable.Apply(table, input.Of(arena), output.Of(arena));
}

/// <summary><see cref="Softmax.Run"/> over rows of <paramref name="depth"/> elements.</summary>
internal sealed class SoftmaxPlanStep(ArenaSlice input, ArenaSlice output, int depth, int inputMultiplier, int inputShift, int diffMin) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        Softmax.Run(depth, inputMultiplier, inputShift, diffMin, input.Of(arena), output.Of(arena));
}

/// <summary><see cref="Mean.Run"/> over H and W.</summary>
internal sealed class MeanPlanStep(ArenaSlice input, ArenaSlice output, TensorShape inputShape, int inputZeroPoint, int multiplier, int shift, int outputZeroPoint)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        Mean.Run(inputShape, inputZeroPoint, multiplier, shift, outputZeroPoint, input.Of(arena), output.Of(arena));
}
