namespace MicroBackbone.Runtime;

/// <summary>
/// Per-channel int8 depthwise convolution with a depth multiplier above 1: output channel <c>o</c> reads input
/// channel <c>o / depthMultiplier</c> (TFLite reference_integer_ops::DepthwiseConvPerChannel). NHWC input, 1HWO
/// weights. Generated code calls it only for multipliers above 1 (the emitter chooses); the multiplier-1 kernel
/// <see cref="DepthwiseConv2D"/> keeps its vectorized paths. Plain loops with a vectorized output stage: these layers
/// are rare and small (typically the first layer of a keyword-spotting or MobileNet-style model).
/// </summary>
public static class DepthwiseMultiplierConv2D
{
    /// <summary>
    /// out[n,y,x,o] = clamp(zp_out + MBQM(foldedBias[o] + sum w[0,ky,kx,o] * in[n,iy,ix,o / m], M[o], shift[o]), min, max);
    /// padded taps read <paramref name="inputZeroPoint"/>.
    /// </summary>
    /// <param name="inputShape">Input NHWC shape.</param>
    /// <param name="outputShape">Output NHWC shape (input channels x <paramref name="depthMultiplier"/>).</param>
    /// <param name="window">Kernel size, strides, dilations, padding.</param>
    /// <param name="depthMultiplier">Output channels per input channel (&gt;= 1).</param>
    /// <param name="inputZeroPoint">Input zero point (read by padded taps).</param>
    /// <param name="input">NHWC input.</param>
    /// <param name="weights">1HWO weights (KH * KW * O values, output channels fastest).</param>
    /// <param name="foldedBias">Per output channel: bias[o] - inputZeroPoint * sum over taps of w[t, o] (wrapping int32).</param>
    /// <param name="multipliers">Per output channel Q0.31 multiplier.</param>
    /// <param name="shifts">Per output channel shift (positive = left).</param>
    /// <param name="outputZeroPoint">Output zero point.</param>
    /// <param name="activationMin">Lower clamp, including the zero point.</param>
    /// <param name="activationMax">Upper clamp, including the zero point.</param>
    /// <param name="output">NHWC output.</param>
    public static void Run(TensorShape inputShape, TensorShape outputShape, Window2D window, int depthMultiplier, int inputZeroPoint,
        ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers,
        ReadOnlySpan<int> shifts, int outputZeroPoint, int activationMin, int activationMax, Span<sbyte> output)
    {
        if (depthMultiplier < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(depthMultiplier), depthMultiplier, "depth multiplier must be >= 1");
        }

        inputShape.Check(input.Length, "depthwise input");
        outputShape.Check(output.Length, "depthwise output");
        int channels = outputShape.Channels;
        Check.Length(channels, inputShape.Channels * depthMultiplier, "depthwise output channels (input channels x depth multiplier)");
        Check.Length(weights.Length, window.KernelHeight * window.KernelWidth * channels, "depthwise weights (1HWO)");
        Check.PerChannel(foldedBias, multipliers, shifts, channels);
        Span<int> acc = stackalloc int[PointwiseConv2D.ChannelBlock];
        for (int n = 0; n < outputShape.Batch; n++)
        {
            for (int y = 0; y < outputShape.Height; y++)
            {
                int inY0 = (y * window.StrideHeight) - window.PadTop;
                for (int x = 0; x < outputShape.Width; x++)
                {
                    int inX0 = (x * window.StrideWidth) - window.PadLeft;
                    for (int o0 = 0; o0 < channels; o0 += PointwiseConv2D.ChannelBlock)
                    {
                        int block = Math.Min(PointwiseConv2D.ChannelBlock, channels - o0);
                        for (int o = 0; o < block; o++)
                        {
                            acc[o] = foldedBias[o0 + o];
                        }

                        AccumulateTaps(inputShape, window, depthMultiplier, inputZeroPoint, n, inY0, inX0, o0, input, weights, channels,
                            acc.Slice(0, block));
                        OutputStage.PerChannel(acc.Slice(0, block), multipliers.Slice(o0, block), shifts.Slice(o0, block),
                            outputZeroPoint, activationMin, activationMax, output.Slice(outputShape.Offset(n, y, x, o0), block));
                    }
                }
            }
        }
    }

    /// <summary>Adds every tap's w * x to the accumulators of output channels o0 .. o0 + acc.Length - 1.</summary>
    private static void AccumulateTaps(TensorShape shape, Window2D window, int depthMultiplier, int zeroPoint, int n, int inY0, int inX0,
        int o0, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, int channels, Span<int> acc)
    {
        for (int ky = 0; ky < window.KernelHeight; ky++)
        {
            int iy = inY0 + (ky * window.DilationHeight);
            for (int kx = 0; kx < window.KernelWidth; kx++)
            {
                int ix = inX0 + (kx * window.DilationWidth);
                bool inside = (uint)iy < (uint)shape.Height && (uint)ix < (uint)shape.Width;
                int pixel = inside ? shape.Offset(n, iy, ix, 0) : 0;
                ReadOnlySpan<sbyte> w = weights.Slice((((ky * window.KernelWidth) + kx) * channels) + o0, acc.Length);
                for (int o = 0; o < acc.Length; o++)
                {
                    // Padded taps read the zero point: the folded bias subtracted zp * w for every tap.
                    int v = inside ? input[pixel + ((o0 + o) / depthMultiplier)] : zeroPoint;
                    acc[o] = unchecked(acc[o] + (w[o] * v));
                }
            }
        }
    }
}
