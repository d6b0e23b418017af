using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>
/// 1x1 convolution with stride 1 and no padding: every pixel is a row of <c>inputChannels</c> contiguous values and
/// every filter a row of the [outputChannels, inputChannels] weight matrix, so each output is one int8 dot product.
/// Also the core of <see cref="FullyConnected"/>.
/// </summary>
public static class PointwiseConv2D
{
    /// <summary>Output channels requantized together; the accumulators live on the stack.</summary>
    internal const int ChannelBlock = 256;

    /// <summary>
    /// out[p, o] = clamp(zp_out + MBQM(foldedBias[o] + sum_i w[o, i] * in[p, i], M[o], shift[o]), min, max) for
    /// every pixel p of <paramref name="pixels"/> = N*H*W.
    /// </summary>
    /// <param name="pixels">Number of pixels (N * H * W).</param>
    /// <param name="inputChannels">Input channels per pixel.</param>
    /// <param name="outputChannels">Output channels (filters).</param>
    /// <param name="input">NHWC input, pixels * inputChannels values.</param>
    /// <param name="weights">OHWI (here [outputChannels, inputChannels]) weights.</param>
    /// <param name="foldedBias">Per filter: bias[o] - inputZeroPoint * sum_i w[o, i] (wrapping int32); required.</param>
    /// <param name="multipliers">Per filter Q0.31 requantization multiplier.</param>
    /// <param name="shifts">Per filter requantization shift (TFLite convention: positive = left).</param>
    /// <param name="outputZeroPoint">Output zero point.</param>
    /// <param name="activationMin">Lower clamp (fused activation), already including the zero point.</param>
    /// <param name="activationMax">Upper clamp (fused activation), already including the zero point.</param>
    /// <param name="output">NHWC output, pixels * outputChannels values.</param>
    /// <param name="packed">These filters laid out ahead of time by <see cref="PackedFilters.Create"/>, or null.</param>
    public static void Run(int pixels, int inputChannels, int outputChannels, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights,
        ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, int outputZeroPoint,
        int activationMin, int activationMax, Span<sbyte> output, PackedFilters? packed = null)
    {
        Check.Length(input.Length, pixels * inputChannels, "pointwise input");
        Check.Length(output.Length, pixels * outputChannels, "pointwise output");
        Check.Length(weights.Length, outputChannels * inputChannels, "pointwise weights");
        Check.PerChannel(foldedBias, multipliers, shifts, outputChannels);
        if (PackedGemm.Applies(pixels, inputChannels, packed))
        {
            PackedGemm.Run(new PixelRows(inputChannels), pixels, outputChannels, input, weights, foldedBias, multipliers, shifts,
                outputZeroPoint, activationMin, activationMax, output, packed);
            return;
        }

        Span<int> acc = stackalloc int[ChannelBlock];
        ref sbyte w = ref MemoryMarshal.GetReference(weights);
        for (int p = 0; p < pixels; p++)
        {
            ref sbyte x = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), p * inputChannels);
            for (int o0 = 0; o0 < outputChannels; o0 += ChannelBlock)
            {
                int block = Math.Min(ChannelBlock, outputChannels - o0);
                int o = 0;
                for (; o <= block - 4; o += 4)
                {
                    Vector128<int> sums = Int8Dot.Dot4(ref x, ref Unsafe.Add(ref w, (o0 + o) * inputChannels), inputChannels, inputChannels);
                    (Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(foldedBias), (nuint)(o0 + o)) + sums)
                        .StoreUnsafe(ref MemoryMarshal.GetReference(acc), (nuint)o);
                }

                for (; o < block; o++)
                {
                    acc[o] = unchecked(foldedBias[o0 + o] + Int8Dot.Dot(ref x, ref Unsafe.Add(ref w, (o0 + o) * inputChannels), inputChannels));
                }

                OutputStage.PerChannel(acc.Slice(0, block), multipliers.Slice(o0, block), shifts.Slice(o0, block),
                    outputZeroPoint, activationMin, activationMax, output.Slice((p * outputChannels) + o0, block));
            }
        }
    }
}
