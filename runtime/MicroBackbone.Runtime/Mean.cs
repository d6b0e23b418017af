namespace MicroBackbone.Runtime;

/// <summary>int8 mean over H and W of an NHWC tensor, output [N, 1, 1, C] (TFLM reduce, QuantizedMeanOrSum).</summary>
public static class Mean
{
    /// <summary>
    /// out[n, c] = clamp(MBQM(sum_hw in[n,h,w,c] - inputZeroPoint * H * W, multiplier, shift) + outputZeroPoint, -128, 127),
    /// where <paramref name="multiplier"/> and <paramref name="shift"/> already fold the division by H * W (MeanParams).
    /// </summary>
    public static void Run(TensorShape inputShape, int inputZeroPoint, int multiplier, int shift, int outputZeroPoint,
        ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        inputShape.Check(input.Length, "mean input");
        int channels = inputShape.Channels;
        Check.Length(output.Length, inputShape.Batch * channels, "mean output");
        int spatial = inputShape.Height * inputShape.Width;
        Span<int> sums = stackalloc int[PointwiseConv2D.ChannelBlock];
        for (int n = 0; n < inputShape.Batch; n++)
        {
            for (int c0 = 0; c0 < channels; c0 += PointwiseConv2D.ChannelBlock)
            {
                int block = Math.Min(PointwiseConv2D.ChannelBlock, channels - c0);
                Span<int> s = sums.Slice(0, block);
                s.Clear();
                for (int p = 0; p < spatial; p++)
                {
                    ChannelSums.AddRow(input.Slice((((n * spatial) + p) * channels) + c0, block), s);
                }

                for (int c = 0; c < block; c++)
                {
                    int centered = unchecked(s[c] - (inputZeroPoint * spatial));
                    int result = FixedPointMath.MultiplyByQuantizedMultiplier(centered, multiplier, shift) + outputZeroPoint;
                    output[(n * channels) + c0 + c] = (sbyte)FixedPointMath.Clamp(result, sbyte.MinValue, sbyte.MaxValue);
                }
            }
        }
    }
}
