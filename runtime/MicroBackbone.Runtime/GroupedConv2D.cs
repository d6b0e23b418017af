namespace MicroBackbone.Runtime;

/// <summary>
/// Per-channel int8 grouped convolution: NHWC input, OHWI weights with I = C / groups; filter o reads the input
/// channels of its group, o / (O / groups) (TFLite reference_integer_ops::ConvPerChannel with a filter shallower than
/// its input). Generated code calls it only for groups above 1 (the emitter chooses); dense convolutions keep
/// <see cref="Conv2D"/>'s packed engines. Plain loops with a vectorized output stage.
/// </summary>
public static class GroupedConv2D
{
    /// <summary>
    /// out[n,y,x,o] = clamp(zp_out + MBQM(foldedBias[o] + sum w[o,ky,kx,i] * in[n,iy,ix,g(o) * I + i], M[o], shift[o]), min, max);
    /// padded taps read <paramref name="inputZeroPoint"/>.
    /// </summary>
    /// <param name="inputShape">Input NHWC shape.</param>
    /// <param name="outputShape">Output NHWC shape (channels = filters).</param>
    /// <param name="window">Kernel size, strides, dilations, padding.</param>
    /// <param name="groups">Channel groups (&gt;= 1, dividing the input channels and the filters).</param>
    /// <param name="inputZeroPoint">Input zero point (read by padded taps).</param>
    /// <param name="input">NHWC input.</param>
    /// <param name="weights">OHWI weights, I = input channels / groups.</param>
    /// <param name="foldedBias">Per filter: bias[o] - inputZeroPoint * sum of filter o (wrapping int32).</param>
    /// <param name="multipliers">Per filter Q0.31 multiplier.</param>
    /// <param name="shifts">Per filter shift (positive = left).</param>
    /// <param name="outputZeroPoint">Output zero point.</param>
    /// <param name="activationMin">Lower clamp, including the zero point.</param>
    /// <param name="activationMax">Upper clamp, including the zero point.</param>
    /// <param name="output">NHWC output.</param>
    public static void Run(TensorShape inputShape, TensorShape outputShape, Window2D window, int groups, int inputZeroPoint,
        ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers,
        ReadOnlySpan<int> shifts, int outputZeroPoint, int activationMin, int activationMax, Span<sbyte> output)
    {
        int filters = outputShape.Channels;
        if (groups < 1 || inputShape.Channels % groups != 0 || filters % groups != 0)
        {
            throw new ArgumentException($"groups {groups} must be >= 1 and divide the {inputShape.Channels} input channels and the {filters} filters");
        }

        inputShape.Check(input.Length, "grouped conv input");
        outputShape.Check(output.Length, "grouped conv output");
        int depth = inputShape.Channels / groups;
        int taps = window.KernelHeight * window.KernelWidth;
        Check.Length(weights.Length, filters * taps * depth, "grouped conv weights (OHWI, I = C / groups)");
        Check.PerChannel(foldedBias, multipliers, shifts, filters);
        int perGroup = filters / groups;
        Span<int> acc = stackalloc int[PointwiseConv2D.ChannelBlock];
        for (int n = 0; n < outputShape.Batch; n++)
        {
            for (int y = 0; y < outputShape.Height; y++)
            {
                int inY0 = (y * window.StrideHeight) - window.PadTop;
                for (int x = 0; x < outputShape.Width; x++)
                {
                    int inX0 = (x * window.StrideWidth) - window.PadLeft;
                    for (int o0 = 0; o0 < filters; o0 += PointwiseConv2D.ChannelBlock)
                    {
                        int block = Math.Min(PointwiseConv2D.ChannelBlock, filters - o0);
                        for (int o = 0; o < block; o++)
                        {
                            int filter = o0 + o;
                            acc[o] = unchecked(foldedBias[filter] + Dot(inputShape, window, n, inY0, inX0, filter / perGroup * depth, depth,
                                inputZeroPoint, input, weights.Slice(filter * taps * depth, taps * depth)));
                        }

                        OutputStage.PerChannel(acc.Slice(0, block), multipliers.Slice(o0, block), shifts.Slice(o0, block),
                            outputZeroPoint, activationMin, activationMax, output.Slice(outputShape.Offset(n, y, x, o0), block));
                    }
                }
            }
        }
    }

    /// <summary>One filter over one receptive field: channels first .. first + depth - 1 of every tap.</summary>
    private static int Dot(TensorShape shape, Window2D window, int n, int inY0, int inX0, int first, int depth, int zeroPoint,
        ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> filter)
    {
        int sum = 0;
        int t = 0;
        for (int ky = 0; ky < window.KernelHeight; ky++)
        {
            int iy = inY0 + (ky * window.DilationHeight);
            for (int kx = 0; kx < window.KernelWidth; kx++, t += depth)
            {
                int ix = inX0 + (kx * window.DilationWidth);
                if ((uint)iy < (uint)shape.Height && (uint)ix < (uint)shape.Width)
                {
                    ReadOnlySpan<sbyte> src = input.Slice(shape.Offset(n, iy, ix, first), depth);
                    for (int i = 0; i < depth; i++)
                    {
                        sum = unchecked(sum + (src[i] * filter[t + i]));
                    }
                }
                else
                {
                    // A padded tap reads the zero point, which the folded bias took out.
                    for (int i = 0; i < depth; i++)
                    {
                        sum = unchecked(sum + (zeroPoint * filter[t + i]));
                    }
                }
            }
        }

        return sum;
    }
}
