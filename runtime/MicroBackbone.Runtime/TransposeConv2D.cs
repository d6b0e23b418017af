namespace MicroBackbone.Runtime;

/// <summary>
/// Per-channel int8 transposed convolution (TFLite TRANSPOSE_CONV): NHWC input, OHWI weights, int32 bias. TFLite
/// Micro's reference scatters every input pixel into an output-sized int32 buffer; this kernel gathers per output
/// pixel instead (the taps ky = (y + padTop) mod strideH, + strideH, ... whose input row exists), adding the same
/// wrapping int32 products, so the bytes are the same and no scratch buffer is needed.
/// </summary>
public static class TransposeConv2D
{
    /// <summary>
    /// out[n,y,x,o] = clamp(zp_out + MBQM(bias[o] + sum w[o,ky,kx,i] * (in[n,iy,ix,i] - zp_in), M[o], shift[o]), min, max)
    /// over the taps with iy * strideH - padTop + ky = y and ix * strideW - padLeft + kx = x.
    /// </summary>
    /// <param name="inputShape">Input NHWC shape.</param>
    /// <param name="outputShape">Output NHWC shape (channels = filters).</param>
    /// <param name="kernelHeight">Filter height.</param>
    /// <param name="kernelWidth">Filter width.</param>
    /// <param name="strideHeight">Vertical stride.</param>
    /// <param name="strideWidth">Horizontal stride.</param>
    /// <param name="padTop">Rows cut from the top of the scattered image.</param>
    /// <param name="padLeft">Columns cut from the left.</param>
    /// <param name="inputZeroPoint">Input zero point.</param>
    /// <param name="input">NHWC input.</param>
    /// <param name="weights">OHWI weights.</param>
    /// <param name="bias">Per filter int32 bias (zeros when the model has none).</param>
    /// <param name="multipliers">Per filter Q0.31 multiplier.</param>
    /// <param name="shifts">Per filter shift (positive = left).</param>
    /// <param name="outputZeroPoint">Output zero point.</param>
    /// <param name="activationMin">Lower clamp, including the zero point.</param>
    /// <param name="activationMax">Upper clamp, including the zero point.</param>
    /// <param name="output">NHWC output.</param>
    public static void Run(TensorShape inputShape, TensorShape outputShape, int kernelHeight, int kernelWidth, int strideHeight,
        int strideWidth, int padTop, int padLeft, int inputZeroPoint, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights,
        ReadOnlySpan<int> bias, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, int outputZeroPoint, int activationMin,
        int activationMax, Span<sbyte> output)
    {
        if (strideHeight < 1 || strideWidth < 1 || padTop < 0 || padLeft < 0 || inputShape.Batch != outputShape.Batch)
        {
            throw new ArgumentException($"transpose conv strides {strideHeight}x{strideWidth} must be >= 1, cuts {padTop}/{padLeft} >= 0 and batches equal");
        }

        int filters = outputShape.Channels;
        int depth = inputShape.Channels;
        inputShape.Check(input.Length, "transpose conv input");
        outputShape.Check(output.Length, "transpose conv output");
        Check.Length(weights.Length, filters * kernelHeight * kernelWidth * depth, "transpose conv weights (OHWI)");
        Check.PerChannel(bias, multipliers, shifts, filters);
        Span<int> acc = stackalloc int[PointwiseConv2D.ChannelBlock];
        for (int n = 0; n < outputShape.Batch; n++)
        {
            for (int y = 0; y < outputShape.Height; y++)
            {
                int ty = y + padTop;
                for (int x = 0; x < outputShape.Width; x++)
                {
                    int tx = x + padLeft;
                    for (int o0 = 0; o0 < filters; o0 += PointwiseConv2D.ChannelBlock)
                    {
                        int block = Math.Min(PointwiseConv2D.ChannelBlock, filters - o0);
                        for (int o = 0; o < block; o++)
                        {
                            int filter = o0 + o;
                            int sum = bias[filter];
                            ReadOnlySpan<sbyte> w = weights.Slice(filter * kernelHeight * kernelWidth * depth, kernelHeight * kernelWidth * depth);
                            for (int ky = ty % strideHeight; ky < kernelHeight && ky <= ty; ky += strideHeight)
                            {
                                int iy = (ty - ky) / strideHeight;
                                if (iy >= inputShape.Height)
                                {
                                    continue;
                                }

                                for (int kx = tx % strideWidth; kx < kernelWidth && kx <= tx; kx += strideWidth)
                                {
                                    int ix = (tx - kx) / strideWidth;
                                    if (ix >= inputShape.Width)
                                    {
                                        continue;
                                    }

                                    ReadOnlySpan<sbyte> src = input.Slice(inputShape.Offset(n, iy, ix, 0), depth);
                                    ReadOnlySpan<sbyte> tap = w.Slice(((ky * kernelWidth) + kx) * depth, depth);
                                    for (int i = 0; i < depth; i++)
                                    {
                                        sum = unchecked(sum + ((src[i] - inputZeroPoint) * tap[i]));
                                    }
                                }
                            }

                            acc[o] = sum;
                        }

                        OutputStage.PerChannel(acc.Slice(0, block), multipliers.Slice(o0, block), shifts.Slice(o0, block),
                            outputZeroPoint, activationMin, activationMax, output.Slice(outputShape.Offset(n, y, x, o0), block));
                    }
                }
            }
        }
    }
}
