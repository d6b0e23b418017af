namespace MicroBackbone.Runtime;

/// <summary>
/// Folds the input zero point into the bias, as the convolution kernels expect:
/// foldedBias[o] = bias[o] - inputZeroPoint * sum(w[o, ...]) in wrapping int32 arithmetic. Generated code normally
/// emits the folded values as constants; this is the same computation for callers that fold at start-up.
/// </summary>
public static class BiasFolding
{
    /// <summary>
    /// Folds for Conv2D / pointwise / fully connected weights laid out [outputChannels, rest] (OHWI):
    /// each filter's <c>weights.Length / outputChannels</c> consecutive values are summed. An empty
    /// <paramref name="bias"/> means zero bias.
    /// </summary>
    public static void FoldFilters(ReadOnlySpan<int> bias, ReadOnlySpan<sbyte> weights, int outputChannels, int inputZeroPoint, Span<int> foldedBias)
    {
        Check.Length(foldedBias.Length, outputChannels, "folded bias");
        int perFilter = weights.Length / outputChannels;
        Check.Length(weights.Length, perFilter * outputChannels, "weights");
        for (int o = 0; o < outputChannels; o++)
        {
            int sum = 0;
            ReadOnlySpan<sbyte> filter = weights.Slice(o * perFilter, perFilter);
            for (int i = 0; i < filter.Length; i++)
            {
                sum += filter[i];
            }

            foldedBias[o] = unchecked((bias.IsEmpty ? 0 : bias[o]) - (inputZeroPoint * sum));
        }
    }

    /// <summary>
    /// Folds for depthwise weights laid out 1HWC (channels fastest): channel c sums w[t * channels + c] over the taps t.
    /// </summary>
    public static void FoldDepthwise(ReadOnlySpan<int> bias, ReadOnlySpan<sbyte> weights, int channels, int inputZeroPoint, Span<int> foldedBias)
    {
        Check.Length(foldedBias.Length, channels, "folded bias");
        int taps = weights.Length / channels;
        Check.Length(weights.Length, taps * channels, "weights");
        for (int c = 0; c < channels; c++)
        {
            int sum = 0;
            for (int t = 0; t < taps; t++)
            {
                sum += weights[(t * channels) + c];
            }

            foldedBias[c] = unchecked((bias.IsEmpty ? 0 : bias[c]) - (inputZeroPoint * sum));
        }
    }
}
