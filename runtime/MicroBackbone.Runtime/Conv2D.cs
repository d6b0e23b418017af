using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>
/// General per-channel int8 2-D convolution: NHWC input, OHWI weights, explicit padding, strides and dilations
/// (TFLite reference_integer_ops::ConvPerChannel). A 1x1, stride-1, unpadded convolution is routed to
/// <see cref="PointwiseConv2D"/>.
/// </summary>
public static class Conv2D
{
    /// <summary>
    /// out[n,y,x,o] = clamp(zp_out + MBQM(foldedBias[o] + sum w[o,ky,kx,i] * in[n,iy,ix,i], M[o], shift[o]), min, max),
    /// where a tap in the padding reads <paramref name="inputZeroPoint"/> (real 0), which is what makes the folded bias
    /// equal to the reference's skipped padded taps.
    /// </summary>
    /// <param name="inputShape">Input NHWC shape.</param>
    /// <param name="outputShape">Output NHWC shape (channels = filters).</param>
    /// <param name="window">Kernel size, strides, dilations, padding.</param>
    /// <param name="inputZeroPoint">Input zero point (read by padded taps).</param>
    /// <param name="input">NHWC input.</param>
    /// <param name="weights">OHWI weights.</param>
    /// <param name="foldedBias">Per filter: bias[o] - inputZeroPoint * sum(w[o,:,:,:]) (wrapping int32); required.</param>
    /// <param name="multipliers">Per filter Q0.31 multiplier.</param>
    /// <param name="shifts">Per filter shift (positive = left).</param>
    /// <param name="outputZeroPoint">Output zero point.</param>
    /// <param name="activationMin">Lower clamp, including the zero point.</param>
    /// <param name="activationMax">Upper clamp, including the zero point.</param>
    /// <param name="output">NHWC output.</param>
    /// <param name="packed">These filters laid out ahead of time by <see cref="PackedFilters.Create"/>, or null.</param>
    public static void Run(TensorShape inputShape, TensorShape outputShape, Window2D window, int inputZeroPoint,
        ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers,
        ReadOnlySpan<int> shifts, int outputZeroPoint, int activationMin, int activationMax, Span<sbyte> output, PackedFilters? packed = null)
    {
        inputShape.Check(input.Length, "conv input");
        outputShape.Check(output.Length, "conv output");
        int inC = inputShape.Channels;
        int outC = outputShape.Channels;
        int kh = window.KernelHeight;
        int kw = window.KernelWidth;
        Check.Length(weights.Length, outC * kh * kw * inC, "conv weights (OHWI)");
        Check.PerChannel(foldedBias, multipliers, shifts, outC);
        if (kh == 1 && kw == 1 && window.StrideHeight == 1 && window.StrideWidth == 1 && window.PadTop == 0 && window.PadLeft == 0
            && inputShape.Height == outputShape.Height && inputShape.Width == outputShape.Width)
        {
            PointwiseConv2D.Run(inputShape.Batch * inputShape.Height * inputShape.Width, inC, outC, input, weights, foldedBias,
                multipliers, shifts, outputZeroPoint, activationMin, activationMax, output, packed);
            return;
        }

        int filterSize = kh * kw * inC;
        int pixels = outputShape.Batch * outputShape.Height * outputShape.Width;
        if (PackedGemm.Applies(pixels, filterSize, packed))
        {
            PackedGemm.Run(new PatchRows(inputShape, outputShape, window, inputZeroPoint), pixels, outC, input, weights, foldedBias,
                multipliers, shifts, outputZeroPoint, activationMin, activationMax, output, packed);
            return;
        }

        Span<int> acc = stackalloc int[PointwiseConv2D.ChannelBlock];
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
                    var pixel = new Pixel(inputShape, window, n, inY0, inX0, inputZeroPoint);
                    for (int o0 = 0; o0 < outC; o0 += PointwiseConv2D.ChannelBlock)
                    {
                        int block = Math.Min(PointwiseConv2D.ChannelBlock, outC - o0);
                        int o = 0;
                        for (; o <= block - 4; o += 4)
                        {
                            Vector128<int> sums = pixel.Accumulate(ref inRef, ref Unsafe.Add(ref wRef, (o0 + o) * filterSize), filterSize, 4);
                            (Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(foldedBias), (nuint)(o0 + o)) + sums)
                                .StoreUnsafe(ref MemoryMarshal.GetReference(acc), (nuint)o);
                        }

                        for (; o < block; o++)
                        {
                            Vector128<int> sums = pixel.Accumulate(ref inRef, ref Unsafe.Add(ref wRef, (o0 + o) * filterSize), filterSize, 1);
                            acc[o] = unchecked(foldedBias[o0 + o] + sums.ToScalar());
                        }

                        OutputStage.PerChannel(acc.Slice(0, block), multipliers.Slice(o0, block), shifts.Slice(o0, block),
                            outputZeroPoint, activationMin, activationMax, output.Slice(outputShape.Offset(n, y, x, o0), block));
                    }
                }
            }
        }
    }

    /// <summary>The receptive field of one output pixel: which taps are inside the input and where they start.</summary>
    private readonly ref struct Pixel
    {
        private readonly TensorShape shape;
        private readonly Window2D window;
        private readonly int n;
        private readonly int inY0;
        private readonly int inX0;
        private readonly int zeroPoint;

        public Pixel(TensorShape shape, Window2D window, int n, int inY0, int inX0, int zeroPoint)
        {
            this.shape = shape;
            this.window = window;
            this.n = n;
            this.inY0 = inY0;
            this.inX0 = inX0;
            this.zeroPoint = zeroPoint;
        }

        /// <summary>
        /// Sums over the receptive field for <paramref name="rows"/> (1 or 4) filters <paramref name="filterSize"/>
        /// apart; lanes beyond <paramref name="rows"/> are unspecified.
        /// </summary>
        public Vector128<int> Accumulate(ref sbyte input, ref sbyte filter, int filterSize, int rows)
        {
            int inC = shape.Channels;
            int kw = window.KernelWidth;
            Vector128<int> sum = Vector128<int>.Zero;
            for (int ky = 0; ky < window.KernelHeight; ky++)
            {
                int iy = inY0 + (ky * window.DilationHeight);
                ref sbyte filterRow = ref Unsafe.Add(ref filter, ky * kw * inC);
                if (iy < 0 || iy >= shape.Height)
                {
                    sum += Padded(ref filterRow, kw * inC, filterSize, rows);
                    continue;
                }

                if (window.DilationWidth == 1)
                {
                    // Contiguous taps of one row are one run of (kx1 - kx0) * C values in both input and weights.
                    int kx0 = Math.Max(0, -inX0);
                    int kx1 = Math.Min(kw, shape.Width - inX0);
                    if (kx1 > kx0)
                    {
                        sum += Dot(ref Unsafe.Add(ref input, shape.Offset(n, iy, inX0 + kx0, 0)), ref Unsafe.Add(ref filterRow, kx0 * inC),
                            (kx1 - kx0) * inC, filterSize, rows);
                    }
                    else
                    {
                        kx1 = kx0 = kw;
                    }

                    sum += Padded(ref filterRow, Math.Min(kx0, kw) * inC, filterSize, rows);
                    sum += Padded(ref Unsafe.Add(ref filterRow, kx1 * inC), (kw - kx1) * inC, filterSize, rows);
                    continue;
                }

                for (int kx = 0; kx < kw; kx++)
                {
                    int ix = inX0 + (kx * window.DilationWidth);
                    ref sbyte tap = ref Unsafe.Add(ref filterRow, kx * inC);
                    sum += ix < 0 || ix >= shape.Width
                        ? Padded(ref tap, inC, filterSize, rows)
                        : Dot(ref Unsafe.Add(ref input, shape.Offset(n, iy, ix, 0)), ref tap, inC, filterSize, rows);
                }
            }

            return sum;
        }

        private static Vector128<int> Dot(ref sbyte x, ref sbyte w, int length, int stride, int rows) =>
            rows == 4 ? Int8Dot.Dot4(ref x, ref w, length, stride) : Vector128.CreateScalar(Int8Dot.Dot(ref x, ref w, length));

        /// <summary>Taps in the padding read the zero point: zp * sum of their weights.</summary>
        private Vector128<int> Padded(ref sbyte w, int length, int stride, int rows)
        {
            if (zeroPoint == 0 || length == 0)
            {
                return Vector128<int>.Zero;
            }

            if (rows == 1)
            {
                return Vector128.CreateScalar(zeroPoint * Int8Dot.Sum(ref w, length));
            }

            return Vector128.Create(Int8Dot.Sum(ref w, length), Int8Dot.Sum(ref Unsafe.Add(ref w, stride), length),
                Int8Dot.Sum(ref Unsafe.Add(ref w, 2 * stride), length), Int8Dot.Sum(ref Unsafe.Add(ref w, 3 * stride), length)) * zeroPoint;
        }
    }
}
