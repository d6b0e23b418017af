namespace MicroBackbone.Runtime.Loader;

/// <summary><see cref="AveragePool2D.Run"/> or <see cref="MaxPool2D.Run"/>.</summary>
internal sealed class Pool2DPlanStep(
    bool isMax, ArenaSlice input, ArenaSlice output, TensorShape inputShape, TensorShape outputShape, Window2D window, int activationMin, int activationMax)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state)
    {
        if (isMax)
        {
            MaxPool2D.Run(inputShape, outputShape, window, activationMin, activationMax, input.Of(arena), output.Of(arena));
        }
        else
        {
            AveragePool2D.Run(inputShape, outputShape, window, activationMin, activationMax, input.Of(arena), output.Of(arena));
        }
    }
}

/// <summary><see cref="Pad.Run"/> (spatial padding only, as the C# back end lowers Pad).</summary>
internal sealed class PadPlanStep(ArenaSlice input, ArenaSlice output, TensorShape inputShape, TensorShape outputShape, int padTop, int padLeft, sbyte fill)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        Pad.Run(inputShape, outputShape, 0, padTop, padLeft, 0, fill, input.Of(arena), output.Of(arena));
}

/// <summary><see cref="Shift.Run"/> with per-channel offsets.</summary>
internal sealed class ShiftPlanStep(ArenaSlice input, ArenaSlice output, TensorShape shape, int[] offsetsY, int[] offsetsX, sbyte fill) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        Shift.Run(shape, offsetsY, offsetsX, fill, input.Of(arena), output.Of(arena));
}

/// <summary>A reshape whose output lives elsewhere in the arena: a plain copy.</summary>
internal sealed class CopyPlanStep(ArenaSlice input, ArenaSlice output) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) => input.Of(arena).CopyTo(output.Of(arena));
}

/// <summary>One walk of a layout operator: its source (arena or constant) and its 18-integer dims-and-strides walk.</summary>
/// <param name="Source">Where the walk reads.</param>
/// <param name="Walk">Dims and strides as <see cref="StridedCopy.Run"/> takes them.</param>
/// <param name="InputOffset">First element read.</param>
/// <param name="OutputOffset">First element written.</param>
internal sealed record StridedCopyWalk(PlanOperand Source, int[] Walk, int InputOffset, int OutputOffset);

/// <summary>Transpose, StridedSlice, Concatenation or PadV2: an optional fill, then <see cref="StridedCopy.Run"/> per walk.</summary>
internal sealed class StridedCopyPlanStep(ArenaSlice output, StridedCopyWalk[] walks, sbyte? fill) : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state)
    {
        var destination = output.Of(arena);
        if (fill is { } value)
        {
            destination.Fill(value);
        }

        foreach (var walk in walks)
        {
            StridedCopy.Run(walk.Walk, walk.InputOffset, walk.OutputOffset, walk.Source.Of(arena), destination);
        }
    }
}

/// <summary><see cref="Resize.Nearest"/> or <see cref="Resize.Bilinear"/> with index tables computed at load time.</summary>
internal sealed class ResizePlanStep(
    bool isBilinear, ArenaSlice input, ArenaSlice output, TensorShape inputShape, int outputHeight, int outputWidth, int[] rows, int[] columns)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state)
    {
        if (isBilinear)
        {
            Resize.Bilinear(inputShape, outputHeight, outputWidth, rows, columns, input.Of(arena), output.Of(arena));
        }
        else
        {
            Resize.Nearest(inputShape, outputHeight, outputWidth, rows, columns, input.Of(arena), output.Of(arena));
        }
    }
}
