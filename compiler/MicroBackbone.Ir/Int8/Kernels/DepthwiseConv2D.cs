namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="DepthwiseConv2D"/> (any depth multiplier).</summary>
public sealed class DepthwiseConv2DParams
{
    private DepthwiseConv2DParams(Nhwc input, Nhwc output, Window2D window, int inputOffset, int outputOffset,
        QuantizedMultiplier[] multipliers, ActivationRange clamp, int depthMultiplier)
    {
        Input = input;
        Output = output;
        Window = window;
        InputOffset = inputOffset;
        OutputOffset = outputOffset;
        Multipliers = multipliers;
        Clamp = clamp;
        DepthMultiplier = depthMultiplier;
    }

    /// <summary>Input shape.</summary>
    public Nhwc Input { get; }

    /// <summary>Output shape (input channels x <see cref="DepthMultiplier"/>).</summary>
    public Nhwc Output { get; }

    /// <summary>Kernel size, strides, dilations, padding.</summary>
    public Window2D Window { get; }

    /// <summary>-input zero point.</summary>
    public int InputOffset { get; }

    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }

    /// <summary>One multiplier per channel (see <see cref="Conv2DParams.Multipliers"/>).</summary>
    public QuantizedMultiplier[] Multipliers { get; }

    /// <summary>Fused activation clamp.</summary>
    public ActivationRange Clamp { get; }

    /// <summary>Output channels per input channel: output channel <c>o = c * DepthMultiplier + m</c> reads input channel <c>c</c>.</summary>
    public int DepthMultiplier { get; }

    /// <summary>
    /// Prepares a depthwise convolution with <paramref name="depthMultiplier"/> output channels per input channel;
    /// scales are combined exactly as for <see cref="Conv2DParams.Prepare"/>, one multiplier per output channel.
    /// </summary>
    public static DepthwiseConv2DParams Prepare(Nhwc input, Window2D window, QuantizationParams inputQuant,
        ReadOnlySpan<float> weightScales, QuantizationParams outputQuant, FusedActivation activation, int depthMultiplier = 1)
    {
        if (depthMultiplier < 1)
        {
            throw new QuantizationException($"depth multiplier {depthMultiplier} must be >= 1");
        }

        var channels = checked(input.Channels * depthMultiplier);
        var output = new Nhwc(input.Batch, window.OutputHeight(input.Height), window.OutputWidth(input.Width), channels);
        return new DepthwiseConv2DParams(input, output, window, -inputQuant.ZeroPoint, outputQuant.ZeroPoint,
            PerChannelMultipliers.Compute(inputQuant, weightScales, outputQuant, channels),
            ActivationRange.For(activation, outputQuant), depthMultiplier);
    }
}

/// <summary>
/// Per-channel int8 depthwise convolution with any depth multiplier, NHWC input, 1HWO weights, matching TFLite's
/// reference_integer_ops::DepthwiseConvPerChannel (reference/integer_ops/depthwise_conv.h).
/// </summary>
public static class DepthwiseConv2D
{
    /// <summary>
    /// out[n,y,x,o] = clamp(zp_out + MBQM(bias[o] + sum w[0,ky,kx,o] * (in[n,iy,ix,o / m] - zp_in), M[o])) with
    /// m the depth multiplier.
    /// </summary>
    public static void Eval(DepthwiseConv2DParams p, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias, Span<sbyte> output)
    {
        Nhwc inS = p.Input;
        Nhwc outS = p.Output;
        Window2D win = p.Window;
        inS.CheckLength(input.Length, "depthwise input");
        outS.CheckLength(output.Length, "depthwise output");
        int channels = outS.Channels;
        int multiplier = p.DepthMultiplier;
        if (weights.Length != win.KernelHeight * win.KernelWidth * channels)
        {
            throw new ArgumentException($"depthwise weights have {weights.Length} elements, expected 1x{win.KernelHeight}x{win.KernelWidth}x{channels}");
        }

        Conv2D.CheckBias(bias, channels);
        for (int n = 0; n < outS.Batch; n++)
        {
            for (int y = 0; y < outS.Height; y++)
            {
                int inY0 = (y * win.StrideHeight) - win.PadTop;
                for (int x = 0; x < outS.Width; x++)
                {
                    int inX0 = (x * win.StrideWidth) - win.PadLeft;
                    for (int c = 0; c < channels; c++)
                    {
                        int acc = 0;
                        for (int ky = 0; ky < win.KernelHeight; ky++)
                        {
                            int iy = inY0 + (ky * win.DilationHeight);
                            if (iy < 0 || iy >= inS.Height)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < win.KernelWidth; kx++)
                            {
                                int ix = inX0 + (kx * win.DilationWidth);
                                if (ix < 0 || ix >= inS.Width)
                                {
                                    continue;
                                }

                                int w = weights[((ky * win.KernelWidth) + kx) * channels + c];
                                acc = unchecked(acc + (w * (input[inS.Offset(n, iy, ix, c / multiplier)] + p.InputOffset)));
                            }
                        }

                        if (bias.Length != 0)
                        {
                            acc = unchecked(acc + bias[c]);
                        }

                        int scaled = p.Multipliers[c].Apply(acc) + p.OutputOffset;
                        output[outS.Offset(n, y, x, c)] = (sbyte)p.Clamp.Clamp(scaled);
                    }
                }
            }
        }
    }
}
