namespace MicroBackbone.Runtime.Loader;

/// <summary><see cref="TransposeConv2D.Run"/>: OHWI weights with an unfolded bias (which taps reach a pixel varies at the borders).</summary>
internal sealed class TransposeConv2DPlanStep(
    ArenaSlice input, ArenaSlice output, TensorShape inputShape, TensorShape outputShape, int kernelHeight, int kernelWidth, int strideHeight,
    int strideWidth, int padTop, int padLeft, int inputZeroPoint, sbyte[] weights, int[] bias, int[] multipliers, int[] shifts,
    int outputZeroPoint, int activationMin, int activationMax)
    : PlanStep
{
    /// <inheritdoc />
    public override void Run(Span<sbyte> arena, Span<short> state) =>
        TransposeConv2D.Run(inputShape, outputShape, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft, inputZeroPoint,
            input.Of(arena), weights, bias, multipliers, shifts, outputZeroPoint, activationMin, activationMax, output.Of(arena));
}
