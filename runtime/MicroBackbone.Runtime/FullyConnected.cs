namespace MicroBackbone.Runtime;

/// <summary>int8 fully connected layer: input [batches, inputDepth], weights [outputDepth, inputDepth].</summary>
public static class FullyConnected
{
    /// <summary>
    /// out[b, o] = clamp(zp_out + MBQM(foldedBias[o] + sum_i w[o, i] * in[b, i], M[o], shift[o]), min, max).
    /// Per-tensor weights pass the same multiplier and shift for every output.
    /// </summary>
    /// <param name="batches">Input rows.</param>
    /// <param name="inputDepth">Features per input row.</param>
    /// <param name="outputDepth">Features per output row.</param>
    /// <param name="input">[batches, inputDepth] values.</param>
    /// <param name="weights">[outputDepth, inputDepth] values.</param>
    /// <param name="foldedBias">Per output: bias[o] - inputZeroPoint * sum_i w[o, i] (wrapping int32); required.</param>
    /// <param name="multipliers">Per output Q0.31 multiplier.</param>
    /// <param name="shifts">Per output shift (positive = left).</param>
    /// <param name="outputZeroPoint">Output zero point.</param>
    /// <param name="activationMin">Lower clamp, including the zero point.</param>
    /// <param name="activationMax">Upper clamp, including the zero point.</param>
    /// <param name="output">[batches, outputDepth] values.</param>
    /// <param name="packed">These filters laid out ahead of time by <see cref="PackedFilters.Create"/>, or null.</param>
    public static void Run(int batches, int inputDepth, int outputDepth, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights,
        ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, int outputZeroPoint,
        int activationMin, int activationMax, Span<sbyte> output, PackedFilters? packed = null) =>
        PointwiseConv2D.Run(batches, inputDepth, outputDepth, input, weights, foldedBias, multipliers, shifts, outputZeroPoint,
            activationMin, activationMax, output, packed);
}
