namespace MicroBackbone.Runtime;

/// <summary>
/// One step of an int8 SVDF with int16 time weights and int16 state (TFLite Micro's reference integer SVDF). The
/// caller owns the state (<c>batches × filters × memory</c> int16 values, zero at the start of a stream) and passes
/// the same buffer to every step.
/// </summary>
public static class Svdf
{
    /// <summary>
    /// Moves the state one step towards its start, writes each filter's requantized feature dot product as its newest
    /// entry, and writes per unit the requantized sum of bias and its rank filters' time dot products (clamped to
    /// int8; the reference int8 kernel applies no fused activation). <paramref name="bias"/> may be empty.
    /// </summary>
    public static void Run(in SvdfParameters p, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weightsFeature, ReadOnlySpan<short> weightsTime,
        ReadOnlySpan<int> bias, Span<short> state, Span<sbyte> output)
    {
        int n = p.Batches, f = p.Filters, m = p.Memory, inputSize = p.InputSize, units = p.Filters / p.Rank;
        Check.Length(input.Length, n * inputSize, "svdf input");
        Check.Length(weightsFeature.Length, f * inputSize, "svdf feature weights");
        Check.Length(weightsTime.Length, f * m, "svdf time weights");
        Check.Length(state.Length, n * f * m, "svdf state");
        Check.Length(output.Length, n * units, "svdf output");
        if (bias.Length != 0)
        {
            Check.Length(bias.Length, units, "svdf bias");
        }

        state.Slice(1).CopyTo(state);
        for (int b = 0; b < n; b++)
        {
            ReadOnlySpan<sbyte> x = input.Slice(b * inputSize, inputSize);
            Span<short> stateRow = state.Slice(b * f * m, f * m);
            for (int r = 0; r < f; r++)
            {
                ReadOnlySpan<sbyte> w = weightsFeature.Slice(r * inputSize, inputSize);
                int dot = 0;
                for (int c = 0; c < inputSize; c++)
                {
                    dot = unchecked(dot + (w[c] * (x[c] - p.InputZeroPoint)));
                }

                int scaled = FixedPointMath.Clamp(FixedPointMath.MultiplyByQuantizedMultiplier(dot, p.FeatureMultiplier, p.FeatureShift), p.StateMin, p.StateMax);
                stateRow[(r * m) + m - 1] = p.Int8State ? unchecked((sbyte)(p.StateZeroPoint + scaled)) : unchecked((short)(p.StateZeroPoint + scaled));
            }

            for (int u = 0; u < units; u++)
            {
                int acc = bias.Length != 0 ? bias[u] : 0;
                for (int k = 0; k < p.Rank; k++)
                {
                    int row = ((u * p.Rank) + k) * m;
                    for (int j = 0; j < m; j++)
                    {
                        acc = unchecked(acc + (weightsTime[row + j] * (stateRow[row + j] - p.StateZeroPoint)));
                    }
                }

                int value = FixedPointMath.MultiplyByQuantizedMultiplier(acc, p.OutputMultiplier, p.OutputShift) + p.OutputZeroPoint;
                output[(b * units) + u] = (sbyte)FixedPointMath.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
            }
        }
    }
}
