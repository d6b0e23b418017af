namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="DepthwiseConv2D"/> (depth multiplier 1).</summary>
public sealed class DepthwiseConv2DParams
{
    private DepthwiseConv2DParams(Nhwc input, Nhwc output, Window2D window, int inputOffset, int outputOffset,
        QuantizedMultiplier[] multipliers, ActivationRange clamp)
    {
        Input = input;
        Output = output;
        Window = window;
        InputOffset = inputOffset;
        OutputOffset = outputOffset;
        Multipliers = multipliers;
        Clamp = clamp;
    }

    /// <summary>Input shape.</summary>
    public Nhwc Input { get; }

    /// <summary>Output shape (same channels as the input).</summary>
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

    /// <summary>Prepares a depthwise convolution; scales are combined exactly as for <see cref="Conv2DParams.Prepare"/>.</summary>
    public static DepthwiseConv2DParams Prepare(Nhwc input, Window2D window, QuantizationParams inputQuant,
        ReadOnlySpan<float> weightScales, QuantizationParams outputQuant, FusedActivation activation)
    {
        var output = new Nhwc(input.Batch, window.OutputHeight(input.Height), window.OutputWidth(input.Width), input.Channels);
        return new DepthwiseConv2DParams(input, output, window, -inputQuant.ZeroPoint, outputQuant.ZeroPoint,
            PerChannelMultipliers.Compute(inputQuant, weightScales, outputQuant, input.Channels),
            ActivationRange.For(activation, outputQuant));
    }
}

/// <summary>
/// Per-channel int8 depthwise convolution with depth multiplier 1, NHWC input, 1HWC weights, matching TFLite's
/// reference_integer_ops::DepthwiseConvPerChannel (reference/integer_ops/depthwise_conv.h).
/// </summary>
public static class DepthwiseConv2D
{
    /// <summary>out[n,y,x,c] = clamp(zp_out + MBQM(bias[c] + sum w[0,ky,kx,c] * (in[n,iy,ix,c] - zp_in), M[c])).</summary>
    public static void Eval(DepthwiseConv2DParams p, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias, Span<sbyte> output)
    {
        Nhwc inS = p.Input;
        Nhwc outS = p.Output;
        Window2D win = p.Window;
        inS.CheckLength(input.Length, "depthwise input");
        outS.CheckLength(output.Length, "depthwise output");
        int channels = inS.Channels;
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
                                acc = unchecked(acc + (w * (input[inS.Offset(n, iy, ix, c)] + p.InputOffset)));
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
