namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="TransposeConv2D"/>: shapes, kernel, strides, cuts, offsets, multipliers, clamp.</summary>
public sealed class TransposeConv2DParams
{
    private TransposeConv2DParams(Nhwc input, Nhwc output, int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
        int padTop, int padLeft, int inputOffset, int outputOffset, QuantizedMultiplier[] multipliers, ActivationRange clamp)
    {
        Input = input;
        Output = output;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        StrideHeight = strideHeight;
        StrideWidth = strideWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        InputOffset = inputOffset;
        OutputOffset = outputOffset;
        Multipliers = multipliers;
        Clamp = clamp;
    }

    /// <summary>Input shape.</summary>
    public Nhwc Input { get; }

    /// <summary>Output shape (channels = number of filters).</summary>
    public Nhwc Output { get; }

    /// <summary>Filter height.</summary>
    public int KernelHeight { get; }

    /// <summary>Filter width.</summary>
    public int KernelWidth { get; }

    /// <summary>Vertical stride.</summary>
    public int StrideHeight { get; }

    /// <summary>Horizontal stride.</summary>
    public int StrideWidth { get; }

    /// <summary>Rows cut from the top of the scattered image.</summary>
    public int PadTop { get; }

    /// <summary>Columns cut from the left.</summary>
    public int PadLeft { get; }

    /// <summary>-input zero point, added to every input value.</summary>
    public int InputOffset { get; }

    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }

    /// <summary>One multiplier per output channel: input_scale * weight_scale[c] / output_scale.</summary>
    public QuantizedMultiplier[] Multipliers { get; }

    /// <summary>Fused activation clamp.</summary>
    public ActivationRange Clamp { get; }

    /// <summary>
    /// Prepares a transposed convolution like TFLite Micro's TransposeConvPrepare: the per-channel multipliers of
    /// PopulateConvolutionQuantizationParams (as for Conv2D) and the clamp of the fused activation.
    /// </summary>
    public static TransposeConv2DParams Prepare(Nhwc input, Nhwc output, int kernelHeight, int kernelWidth, int strideHeight,
        int strideWidth, int padTop, int padLeft, QuantizationParams inputQuant, ReadOnlySpan<float> weightScales,
        QuantizationParams outputQuant, FusedActivation activation)
    {
        if (output.Batch != input.Batch)
        {
            throw new QuantizationException($"transpose conv output batch {output.Batch} differs from the input's {input.Batch}");
        }

        if (kernelHeight < 1 || kernelWidth < 1 || strideHeight < 1 || strideWidth < 1 || padTop < 0 || padLeft < 0)
        {
            throw new QuantizationException($"transpose conv kernel {kernelHeight}x{kernelWidth}, strides {strideHeight}x{strideWidth} and cuts {padTop}/{padLeft} must be positive (cuts >= 0)");
        }

        return new TransposeConv2DParams(input, output, kernelHeight, kernelWidth, strideHeight, strideWidth, padTop, padLeft,
            -inputQuant.ZeroPoint, outputQuant.ZeroPoint,
            PerChannelMultipliers.Compute(inputQuant, weightScales, outputQuant, output.Channels),
            ActivationRange.For(activation, outputQuant));
    }
}

/// <summary>
/// Per-channel int8 transposed convolution, NHWC input, OHWI weights, int32 bias (may be empty), matching TFLite's
/// reference_integer_ops::TransposeConv (reference/integer_ops/transpose_conv.h): scatter into int32, then requantize.
/// </summary>
public static class TransposeConv2D
{
    /// <summary>
    /// acc[n,oy,ox,o] = sum over (iy, ix, ky, kx, i) with oy = iy * s_h - pad_top + ky, ox = ix * s_w - pad_left + kx of
    /// w[o,ky,kx,i] * (in[n,iy,ix,i] - zp_in) (wrapping int32), accumulated in <paramref name="scratch"/> (one int32
    /// per output element); then out = clamp(zp_out + MBQM(acc + bias[o], M[o])).
    /// </summary>
    public static void Eval(TransposeConv2DParams p, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> bias,
        Span<int> scratch, Span<sbyte> output)
    {
        Nhwc inS = p.Input;
        Nhwc outS = p.Output;
        inS.CheckLength(input.Length, "transpose conv input");
        outS.CheckLength(output.Length, "transpose conv output");
        if (weights.Length != outS.Channels * p.KernelHeight * p.KernelWidth * inS.Channels)
        {
            throw new ArgumentException($"transpose conv weights have {weights.Length} elements, expected OHWI {outS.Channels}x{p.KernelHeight}x{p.KernelWidth}x{inS.Channels}");
        }

        if (scratch.Length < outS.ElementCount)
        {
            throw new ArgumentException($"transpose conv scratch has {scratch.Length} int32 elements, needs {outS.ElementCount}");
        }

        Conv2D.CheckBias(bias, outS.Channels);
        scratch.Slice(0, outS.ElementCount).Clear();
        for (int n = 0; n < inS.Batch; n++)
        {
            for (int iy = 0; iy < inS.Height; iy++)
            {
                for (int ix = 0; ix < inS.Width; ix++)
                {
                    for (int i = 0; i < inS.Channels; i++)
                    {
                        int value = input[inS.Offset(n, iy, ix, i)] + p.InputOffset;
                        for (int ky = 0; ky < p.KernelHeight; ky++)
                        {
                            int oy = (iy * p.StrideHeight) - p.PadTop + ky;
                            if (oy < 0 || oy >= outS.Height)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < p.KernelWidth; kx++)
                            {
                                int ox = (ix * p.StrideWidth) - p.PadLeft + kx;
                                if (ox < 0 || ox >= outS.Width)
                                {
                                    continue;
                                }

                                int outBase = outS.Offset(n, oy, ox, 0);
                                for (int o = 0; o < outS.Channels; o++)
                                {
                                    int w = weights[(((o * p.KernelHeight) + ky) * p.KernelWidth + kx) * inS.Channels + i];
                                    scratch[outBase + o] = unchecked(scratch[outBase + o] + (value * w));
                                }
                            }
                        }
                    }
                }
            }
        }

        for (int e = 0; e < outS.ElementCount; e++)
        {
            int o = e % outS.Channels;
            int acc = bias.Length != 0 ? unchecked(scratch[e] + bias[o]) : scratch[e];
            int scaled = p.Multipliers[o].Apply(acc) + p.OutputOffset;
            output[e] = (sbyte)p.Clamp.Clamp(scaled);
        }
    }
}
