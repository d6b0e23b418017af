using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>
/// Per-channel int8 depthwise convolution, depth multiplier 1, NHWC input, 1HWC weights
/// (TFLite reference_integer_ops::DepthwiseConvPerChannel). Vectorized across channels, 16 per step; the input
/// offsets of a pixel's taps are computed once per pixel (with a fully unrolled path for interior 3x3 windows).
/// </summary>
public static class DepthwiseConv2D
{
    /// <summary>Largest kernel (taps) whose tap offsets fit the per-pixel stack table; larger kernels are still correct, just slower.</summary>
    private const int MaxTableTaps = 64;

    /// <summary>
    /// out[n,y,x,c] = clamp(zp_out + MBQM(foldedBias[c] + sum w[0,ky,kx,c] * in[n,iy,ix,c], M[c], shift[c]), min, max);
    /// padded taps read <paramref name="inputZeroPoint"/>.
    /// </summary>
    /// <param name="inputShape">Input NHWC shape.</param>
    /// <param name="outputShape">Output NHWC shape (same channels).</param>
    /// <param name="window">Kernel size, strides, dilations, padding.</param>
    /// <param name="inputZeroPoint">Input zero point (read by padded taps).</param>
    /// <param name="input">NHWC input.</param>
    /// <param name="weights">1HWC weights (KH * KW * C values, channels fastest).</param>
    /// <param name="foldedBias">Per channel: bias[c] - inputZeroPoint * sum over taps of w[t, c] (wrapping int32); required.</param>
    /// <param name="multipliers">Per channel Q0.31 multiplier.</param>
    /// <param name="shifts">Per channel shift (positive = left).</param>
    /// <param name="outputZeroPoint">Output zero point.</param>
    /// <param name="activationMin">Lower clamp, including the zero point.</param>
    /// <param name="activationMax">Upper clamp, including the zero point.</param>
    /// <param name="output">NHWC output.</param>
    public static void Run(TensorShape inputShape, TensorShape outputShape, Window2D window, int inputZeroPoint,
        ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers,
        ReadOnlySpan<int> shifts, int outputZeroPoint, int activationMin, int activationMax, Span<sbyte> output)
    {
        inputShape.Check(input.Length, "depthwise input");
        outputShape.Check(output.Length, "depthwise output");
        int channels = inputShape.Channels;
        Check.Length(outputShape.Channels, channels, "depthwise output channels");
        int taps = window.KernelHeight * window.KernelWidth;
        Check.Length(weights.Length, taps * channels, "depthwise weights (1HWC)");
        Check.PerChannel(foldedBias, multipliers, shifts, channels);
        if (DepthwisePairs.Applies(channels, taps))
        {
            DepthwisePairs.Run(inputShape, outputShape, window, inputZeroPoint, input, weights, foldedBias, multipliers, shifts,
                outputZeroPoint, activationMin, activationMax, output);
            return;
        }

        Span<int> acc = stackalloc int[PointwiseConv2D.ChannelBlock];
        Span<int> table = stackalloc int[MaxTableTaps];
        bool useTable = taps <= MaxTableTaps;
        bool vector = RuntimeFeatures.UseVectorization && Vector128.IsHardwareAccelerated;
        ref sbyte inRef = ref MemoryMarshal.GetReference(input);
        ref sbyte wRef = ref MemoryMarshal.GetReference(weights);
        for (int n = 0; n < outputShape.Batch; n++)
        {
            for (int y = 0; y < outputShape.Height; y++)
            {
                int inY0 = (y * window.StrideHeight) - window.PadTop;
                for (int x = 0; x < outputShape.Width; x++)
                {
                    int inX0 = (x * window.StrideWidth) - window.PadLeft;
                    bool interior = false;
                    if (useTable)
                    {
                        interior = FillTapOffsets(inputShape, window, n, inY0, inX0, table);
                    }

                    for (int c0 = 0; c0 < channels; c0 += PointwiseConv2D.ChannelBlock)
                    {
                        int block = Math.Min(PointwiseConv2D.ChannelBlock, channels - c0);
                        int c = 0;
                        if (vector && useTable)
                        {
                            for (; c <= block - 16; c += 16)
                            {
                                Accumulate16(ref Unsafe.Add(ref inRef, c0 + c), ref Unsafe.Add(ref wRef, c0 + c), channels, table.Slice(0, taps),
                                    interior && taps == 9, (sbyte)inputZeroPoint, ref Unsafe.Add(ref MemoryMarshal.GetReference(foldedBias), c0 + c),
                                    ref Unsafe.Add(ref MemoryMarshal.GetReference(acc), c));
                            }

                            if (c <= block - 8)
                            {
                                Accumulate8(ref Unsafe.Add(ref inRef, c0 + c), ref Unsafe.Add(ref wRef, c0 + c), channels, table.Slice(0, taps),
                                    (sbyte)inputZeroPoint, ref Unsafe.Add(ref MemoryMarshal.GetReference(foldedBias), c0 + c),
                                    ref Unsafe.Add(ref MemoryMarshal.GetReference(acc), c));
                                c += 8;
                            }
                        }

                        for (; c < block; c++)
                        {
                            acc[c] = unchecked(foldedBias[c0 + c] + ScalarChannel(inputShape, window, n, inY0, inX0, c0 + c, inputZeroPoint, input, weights));
                        }

                        OutputStage.PerChannel(acc.Slice(0, block), multipliers.Slice(c0, block), shifts.Slice(c0, block),
                            outputZeroPoint, activationMin, activationMax, output.Slice(outputShape.Offset(n, y, x, c0), block));
                    }
                }
            }
        }
    }

    /// <summary>Writes each tap's input offset (channel 0) or -1 for a padded tap; returns true when no tap is padded.</summary>
    internal static bool FillTapOffsets(TensorShape shape, Window2D window, int n, int inY0, int inX0, Span<int> table)
    {
        int kh = window.KernelHeight;
        int kw = window.KernelWidth;
        int t = 0;
        if (inY0 >= 0 && inY0 + ((kh - 1) * window.DilationHeight) < shape.Height && inX0 >= 0
            && inX0 + ((kw - 1) * window.DilationWidth) < shape.Width)
        {
            // The whole window is inside the input (most pixels): offsets step by fixed amounts.
            int step = window.DilationWidth * shape.Channels;
            for (int ky = 0; ky < kh; ky++)
            {
                int offset = shape.Offset(n, inY0 + (ky * window.DilationHeight), inX0, 0);
                for (int kx = 0; kx < kw; kx++)
                {
                    table[t++] = offset + (kx * step);
                }
            }

            return true;
        }

        for (int ky = 0; ky < kh; ky++)
        {
            int iy = inY0 + (ky * window.DilationHeight);
            for (int kx = 0; kx < kw; kx++)
            {
                int ix = inX0 + (kx * window.DilationWidth);
                table[t++] = (uint)iy < (uint)shape.Height && (uint)ix < (uint)shape.Width ? shape.Offset(n, iy, ix, 0) : -1;
            }
        }

        return false;
    }

    /// <summary>16 channels of one pixel: bias + sum over taps of w * x, with int16 products widened into int32 lanes.</summary>
    private static void Accumulate16(ref sbyte input, ref sbyte weights, int channels, ReadOnlySpan<int> table, bool interior3x3,
        sbyte zeroPoint, ref int bias, ref int destination)
    {
        Vector128<int> a0 = Vector128.LoadUnsafe(ref bias);
        Vector128<int> a1 = Vector128.LoadUnsafe(ref bias, 4);
        Vector128<int> a2 = Vector128.LoadUnsafe(ref bias, 8);
        Vector128<int> a3 = Vector128.LoadUnsafe(ref bias, 12);
        if (interior3x3)
        {
            // Interior 3x3 window: nine taps, no padding checks.
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[0]), Vector128.LoadUnsafe(ref weights));
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[1]), Vector128.LoadUnsafe(ref weights, (nuint)channels));
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[2]), Vector128.LoadUnsafe(ref weights, (nuint)(2 * channels)));
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[3]), Vector128.LoadUnsafe(ref weights, (nuint)(3 * channels)));
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[4]), Vector128.LoadUnsafe(ref weights, (nuint)(4 * channels)));
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[5]), Vector128.LoadUnsafe(ref weights, (nuint)(5 * channels)));
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[6]), Vector128.LoadUnsafe(ref weights, (nuint)(6 * channels)));
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[7]), Vector128.LoadUnsafe(ref weights, (nuint)(7 * channels)));
            Tap(ref a0, ref a1, ref a2, ref a3, Vector128.LoadUnsafe(ref input, (nuint)table[8]), Vector128.LoadUnsafe(ref weights, (nuint)(8 * channels)));
        }
        else
        {
            Vector128<sbyte> padding = Vector128.Create(zeroPoint);
            for (int t = 0; t < table.Length; t++)
            {
                int offset = table[t];
                Vector128<sbyte> xv = offset < 0 ? padding : Vector128.LoadUnsafe(ref input, (nuint)offset);
                Tap(ref a0, ref a1, ref a2, ref a3, xv, Vector128.LoadUnsafe(ref weights, (nuint)(t * channels)));
            }
        }

        a0.StoreUnsafe(ref destination);
        a1.StoreUnsafe(ref destination, 4);
        a2.StoreUnsafe(ref destination, 8);
        a3.StoreUnsafe(ref destination, 12);
    }

    /// <summary>8 channels of one pixel (the half-width step for 8..15 remaining channels).</summary>
    private static void Accumulate8(ref sbyte input, ref sbyte weights, int channels, ReadOnlySpan<int> table, sbyte zeroPoint,
        ref int bias, ref int destination)
    {
        Vector128<int> a0 = Vector128.LoadUnsafe(ref bias);
        Vector128<int> a1 = Vector128.LoadUnsafe(ref bias, 4);
        Vector128<int> unused0 = Vector128<int>.Zero;
        Vector128<int> unused1 = Vector128<int>.Zero;
        Vector128<sbyte> padding = Vector128.Create(zeroPoint);
        for (int t = 0; t < table.Length; t++)
        {
            int offset = table[t];
            Vector128<sbyte> xv = offset < 0 ? padding : Int8Dot.Load8(ref input, offset);
            Tap(ref a0, ref a1, ref unused0, ref unused1, xv, Int8Dot.Load8(ref weights, t * channels));
        }

        a0.StoreUnsafe(ref destination);
        a1.StoreUnsafe(ref destination, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tap(ref Vector128<int> a0, ref Vector128<int> a1, ref Vector128<int> a2, ref Vector128<int> a3, Vector128<sbyte> x, Vector128<sbyte> w)
    {
        (Vector128<short> xl, Vector128<short> xh) = Vector128.Widen(x);
        (Vector128<short> wl, Vector128<short> wh) = Vector128.Widen(w);
        // int8 x int8 fits int16 exactly.
        (Vector128<int> p0, Vector128<int> p1) = Vector128.Widen(xl * wl);
        (Vector128<int> p2, Vector128<int> p3) = Vector128.Widen(xh * wh);
        a0 += p0;
        a1 += p1;
        a2 += p2;
        a3 += p3;
    }

    private static int ScalarChannel(TensorShape shape, Window2D window, int n, int inY0, int inX0, int c, int zeroPoint,
        ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights)
    {
        int channels = shape.Channels;
        int sum = 0;
        for (int ky = 0; ky < window.KernelHeight; ky++)
        {
            int iy = inY0 + (ky * window.DilationHeight);
            for (int kx = 0; kx < window.KernelWidth; kx++)
            {
                int ix = inX0 + (kx * window.DilationWidth);
                int w = weights[(((ky * window.KernelWidth) + kx) * channels) + c];
                int v = iy >= 0 && iy < shape.Height && ix >= 0 && ix < shape.Width ? input[shape.Offset(n, iy, ix, c)] : zeroPoint;
                sum = unchecked(sum + (w * v));
            }
        }

        return sum;
    }
}
