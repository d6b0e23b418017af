namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>The per-output-channel requantization multipliers shared by Conv2D and DepthwiseConv2D.</summary>
internal static class PerChannelMultipliers
{
    /// <summary>
    /// M[c] = (double)input_scale * (double)weight_scale[c] / (double)output_scale (TFLite kernel_util.cc
    /// PopulateConvolutionQuantizationParams); a single weight scale is broadcast to every channel.
    /// </summary>
    public static QuantizedMultiplier[] Compute(QuantizationParams input, ReadOnlySpan<float> weightScales, QuantizationParams output, int channels)
    {
        if (weightScales.Length != channels && weightScales.Length != 1)
        {
            throw new QuantizationException($"{weightScales.Length} weight scales for {channels} output channels");
        }

        var result = new QuantizedMultiplier[channels];
        for (int c = 0; c < channels; c++)
        {
            double ws = weightScales[weightScales.Length == 1 ? 0 : c];
            if (!(ws > 0.0))
            {
                throw new QuantizationException($"weight scale {ws:R} of channel {c} must be positive");
            }

            result[c] = QuantizedMultiplier.FromDouble((double)input.Scale * ws / output.Scale);
        }

        return result;
    }
}
