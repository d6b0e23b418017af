namespace MicroBackbone.Runtime;

/// <summary>int8 average pooling (reference_integer_ops AveragePool): input and output share quantization.</summary>
public static class AveragePool2D
{
    /// <summary>
    /// Sum of the in-bounds raw values of each window (padding excluded from sum and count), divided with rounding
    /// half away from zero, clamped to [min, max]. Every window must contain at least one input value.
    /// </summary>
    public static void Run(TensorShape inputShape, TensorShape outputShape, Window2D window, int activationMin, int activationMax,
        ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        inputShape.Check(input.Length, "average pool input");
        outputShape.Check(output.Length, "average pool output");
        int channels = inputShape.Channels;
        Check.Length(outputShape.Channels, channels, "average pool output channels");
        Span<int> sums = stackalloc int[PointwiseConv2D.ChannelBlock];
        for (int n = 0; n < outputShape.Batch; n++)
        {
            for (int y = 0; y < outputShape.Height; y++)
            {
                int y0 = (y * window.StrideHeight) - window.PadTop;
                int yStart = Math.Max(0, -y0);
                int yEnd = Math.Min(window.KernelHeight, inputShape.Height - y0);
                for (int x = 0; x < outputShape.Width; x++)
                {
                    int x0 = (x * window.StrideWidth) - window.PadLeft;
                    int xStart = Math.Max(0, -x0);
                    int xEnd = Math.Min(window.KernelWidth, inputShape.Width - x0);
                    int count = (yEnd - yStart) * (xEnd - xStart);
                    for (int c0 = 0; c0 < channels; c0 += PointwiseConv2D.ChannelBlock)
                    {
                        int block = Math.Min(PointwiseConv2D.ChannelBlock, channels - c0);
                        Span<int> s = sums.Slice(0, block);
                        s.Clear();
                        for (int ky = yStart; ky < yEnd; ky++)
                        {
                            for (int kx = xStart; kx < xEnd; kx++)
                            {
                                ChannelSums.AddRow(input.Slice(inputShape.Offset(n, y0 + ky, x0 + kx, c0), block), s);
                            }
                        }

                        Span<sbyte> o = output.Slice(outputShape.Offset(n, y, x, c0), block);
                        for (int c = 0; c < block; c++)
                        {
                            int sum = s[c];
                            int average = sum > 0 ? (sum + (count / 2)) / count : (sum - (count / 2)) / count;
                            o[c] = (sbyte)FixedPointMath.Clamp(average, activationMin, activationMax);
                        }
                    }
                }
            }
        }
    }
}
