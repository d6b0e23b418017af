namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Conv2D"/>: shapes, window, offsets, per-channel multipliers, clamp.</summary>
public sealed class Conv2DParams
{
    private Conv2DParams(Nhwc input, Nhwc output, Window2D window, int inputOffset, int outputOffset,
        QuantizedMultiplier[] multipliers, ActivationRange clamp, int groups)
    {
        Input = input;
        Output = output;
        Window = window;
        InputOffset = inputOffset;
        OutputOffset = outputOffset;
        Multipliers = multipliers;
        Clamp = clamp;
        Groups = groups;
    }

    /// <summary>Input shape.</summary>
    public Nhwc Input { get; }

    /// <summary>Output shape (channels = number of filters).</summary>
    public Nhwc Output { get; }

    /// <summary>Kernel size, strides, dilations, padding.</summary>
    public Window2D Window { get; }

    /// <summary>-input zero point, added to every input value.</summary>
    public int InputOffset { get; }

    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }

    /// <summary>One multiplier per output channel: input_scale * weight_scale[c] / output_scale.</summary>
    public QuantizedMultiplier[] Multipliers { get; }

    /// <summary>Fused activation clamp.</summary>
    public ActivationRange Clamp { get; }

    /// <summary>
    /// Channel groups: filter o of group g = o / (O / Groups) reads input channels g * I .. g * I + I - 1, with
    /// I = C / Groups the filters' depth (TFLite ConvPerChannel's filter_input_depth &lt; input_depth).
    /// </summary>
    public int Groups { get; }

    /// <summary>
    /// Prepares a convolution like TFLite's PopulateConvolutionQuantizationParams: each channel's effective scale is
    /// computed in double from the float32 scales and encoded with <see cref="QuantizedMultiplier.FromDouble"/>.
    /// </summary>
    public static Conv2DParams Prepare(Nhwc input, int outputChannels, Window2D window, QuantizationParams inputQuant,
        ReadOnlySpan<float> weightScales, QuantizationParams outputQuant, FusedActivation activation, int groups = 1)
    {
        if (groups < 1 || input.Channels % groups != 0 || outputChannels % groups != 0)
        {
            throw new QuantizationException($"groups {groups} must be >= 1 and divide the {input.Channels} input channels and the {outputChannels} filters");
        }

        var output = new Nhwc(input.Batch, window.OutputHeight(input.Height), window.OutputWidth(input.Width), outputChannels);
        return new Conv2DParams(input, output, window, -inputQuant.ZeroPoint, outputQuant.ZeroPoint,
            PerChannelMultipliers.Compute(inputQuant, weightScales, outputQuant, outputChannels),
            ActivationRange.For(activation, outputQuant), groups);
    }
}

/// <summary>
/// Per-channel int8 2-D convolution, NHWC input, OHWI weights (I = C / groups), int32 bias (may be empty), matching TFLite's
/// reference_integer_ops::ConvPerChannel (reference/integer_ops/conv.h).
/// </summary>
public static class Conv2D
{
    /// <summary>
    /// out[n,y,x,o] = clamp(zp_out + MBQM(bias[o] + sum w[o,ky,kx,i] * (in[n,iy,ix,i] - zp_in), M[o])); taps that
    /// fall in the padding contribute nothing.
    /// </summary>
    public static void Eval(Conv2DParams p, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias, Span<sbyte> output)
    {
        Nhwc inS = p.Input;
        Nhwc outS = p.Output;
        Window2D win = p.Window;
        inS.CheckLength(input.Length, "conv input");
        outS.CheckLength(output.Length, "conv output");
        int inC = inS.Channels / p.Groups;
        int filtersPerGroup = outS.Channels / p.Groups;
        if (weights.Length != outS.Channels * win.KernelHeight * win.KernelWidth * inC)
        {
            throw new ArgumentException($"conv weights have {weights.Length} elements, expected OHWI {outS.Channels}x{win.KernelHeight}x{win.KernelWidth}x{inC}");
        }

        CheckBias(bias, outS.Channels);
        for (int n = 0; n < outS.Batch; n++)
        {
            for (int y = 0; y < outS.Height; y++)
            {
                int inY0 = (y * win.StrideHeight) - win.PadTop;
                for (int x = 0; x < outS.Width; x++)
                {
                    int inX0 = (x * win.StrideWidth) - win.PadLeft;
                    for (int o = 0; o < outS.Channels; o++)
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

                                int inBase = inS.Offset(n, iy, ix, o / filtersPerGroup * inC);
                                int wBase = (((o * win.KernelHeight) + ky) * win.KernelWidth + kx) * inC;
                                for (int i = 0; i < inC; i++)
                                {
                                    acc = unchecked(acc + (weights[wBase + i] * (input[inBase + i] + p.InputOffset)));
                                }
                            }
                        }

                        if (bias.Length != 0)
                        {
                            acc = unchecked(acc + bias[o]);
                        }

                        int scaled = p.Multipliers[o].Apply(acc) + p.OutputOffset;
                        output[outS.Offset(n, y, x, o)] = (sbyte)p.Clamp.Clamp(scaled);
                    }
                }
            }
        }
    }

    internal static void CheckBias(ReadOnlySpan<int> bias, int channels)
    {
        if (bias.Length != 0 && bias.Length != channels)
        {
            throw new ArgumentException($"bias has {bias.Length} elements, expected {channels} or none");
        }
    }
}
