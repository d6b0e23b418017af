using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime;

/// <summary>
/// The AVX2 depthwise engine, 16 channels at a time with the channel block outside the pixel loop, so weights and
/// requantization constants are prepared once per block. Two taps are interleaved as int16 pairs per channel and one
/// VPMADDWD adds both products to eight int32 lanes (exact, wrapping like the scalar sum). The unpacks order the lanes
/// as channels [0-3, 8-11] and [4-7, 12-15]; bias and multipliers are loaded in that order, and the final signed packs
/// (exact: the values are already clamped to int8) restore channel order.
/// </summary>
internal static class DepthwisePairs
{
    /// <summary>Largest kernel (taps) this engine takes.</summary>
    private const int MaxTaps = 64;

    /// <summary>Lets tests and measurements compare against the general vector path.</summary>
    internal static bool Enabled { get; set; } = true;

    /// <summary>Whether this engine takes a layer with <paramref name="channels"/> channels and <paramref name="taps"/> taps.</summary>
    public static bool Applies(int channels, int taps) =>
        Enabled && RuntimeFeatures.UseVectorization && Avx2.IsSupported && channels % 16 == 0 && taps <= MaxTaps;

    /// <summary>Runs the layer (arguments as <see cref="DepthwiseConv2D.Run"/>); <see cref="Applies"/> must hold.</summary>
    public static void Run(TensorShape inputShape, TensorShape outputShape, Window2D window, int inputZeroPoint,
        ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights, ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers,
        ReadOnlySpan<int> shifts, int outputZeroPoint, int activationMin, int activationMax, Span<sbyte> output)
    {
        int channels = inputShape.Channels;
        int taps = window.KernelHeight * window.KernelWidth;
        int pairs = (taps + 1) / 2;
        int width = outputShape.Width;
        // Tap offsets of every pixel of one output row (channel 0; -1 for padding).
        Span<int> offsets = stackalloc int[width * 2 * pairs];
        Span<Vector256<short>> packed = stackalloc Vector256<short>[2 * pairs];
        Vector256<int> zp = Vector256.Create(outputZeroPoint);
        Vector256<int> lo = Vector256.Create(activationMin);
        Vector256<int> hi = Vector256.Create(activationMax);
        Vector256<short> padding = Vector256.Create((short)inputZeroPoint);
        ref sbyte inRef = ref MemoryMarshal.GetReference(input);
        ref sbyte outRef = ref MemoryMarshal.GetReference(output);
        for (int n = 0; n < outputShape.Batch; n++)
        {
            for (int y = 0; y < outputShape.Height; y++)
            {
                FillRowOffsets(inputShape, window, n, y, width, 2 * pairs, offsets);
                for (int c0 = 0; c0 < channels; c0 += 16)
                {
                    PackWeights(weights, channels, c0, taps, packed);
                    Vector256<int> biasLow = Permuted(foldedBias, c0, 0);
                    Vector256<int> biasHigh = Permuted(foldedBias, c0, 4);
                    var low = new ChannelRequantization(Permuted(multipliers, c0, 0), Permuted(shifts, c0, 0));
                    var high = new ChannelRequantization(Permuted(multipliers, c0, 4), Permuted(shifts, c0, 4));
                    for (int x = 0; x < width; x++)
                    {
                        ref int tap = ref offsets[x * 2 * pairs];
                        Vector256<int> a0 = biasLow;
                        Vector256<int> a1 = biasHigh;
                        for (int p = 0; p < pairs; p++)
                        {
                            Vector256<short> xa = Widen(ref inRef, Unsafe.Add(ref tap, 2 * p), c0, padding);
                            Vector256<short> xb = Widen(ref inRef, Unsafe.Add(ref tap, (2 * p) + 1), c0, padding);
                            a0 += Avx2.MultiplyAddAdjacent(Avx2.UnpackLow(xa, xb), packed[2 * p]);
                            a1 += Avx2.MultiplyAddAdjacent(Avx2.UnpackHigh(xa, xb), packed[(2 * p) + 1]);
                        }

                        Vector256<int> r0 = Vector256.Min(Vector256.Max(low.MultiplyByQuantizedMultiplier(a0) + zp, lo), hi);
                        Vector256<int> r1 = Vector256.Min(Vector256.Max(high.MultiplyByQuantizedMultiplier(a1) + zp, lo), hi);
                        Vector256<short> words = Avx2.PackSignedSaturate(r0, r1);
                        Sse2.PackSignedSaturate(words.GetLower(), words.GetUpper())
                            .StoreUnsafe(ref outRef, (nuint)(outputShape.Offset(n, y, x, c0)));
                    }
                }
            }
        }
    }

    /// <summary>
    /// For each pixel of output row <paramref name="y"/>, <paramref name="stride"/> entries: each tap's input offset,
    /// -1 for a tap in the padding and for the odd tap count's filler (whose weight is 0).
    /// </summary>
    private static void FillRowOffsets(TensorShape shape, Window2D window, int n, int y, int width, int stride, Span<int> offsets)
    {
        int inY0 = (y * window.StrideHeight) - window.PadTop;
        int taps = window.KernelHeight * window.KernelWidth;
        for (int x = 0; x < width; x++)
        {
            Span<int> pixel = offsets.Slice(x * stride, stride);
            DepthwiseConv2D.FillTapOffsets(shape, window, n, inY0, (x * window.StrideWidth) - window.PadLeft, pixel);
            pixel.Slice(taps).Fill(-1);
        }
    }

    /// <summary>Per tap pair, the two weight vectors interleaved like the input unpacks (a zero tap completes an odd count).</summary>
    private static void PackWeights(ReadOnlySpan<sbyte> weights, int channels, int c0, int taps, Span<Vector256<short>> packed)
    {
        for (int p = 0; 2 * p < taps; p++)
        {
            Vector256<short> wa = Avx2.ConvertToVector256Int16(Vector128.Create(weights.Slice((2 * p * channels) + c0, 16)));
            Vector256<short> wb = (2 * p) + 1 < taps
                ? Avx2.ConvertToVector256Int16(Vector128.Create(weights.Slice((((2 * p) + 1) * channels) + c0, 16)))
                : Vector256<short>.Zero;
            packed[2 * p] = Avx2.UnpackLow(wa, wb);
            packed[(2 * p) + 1] = Avx2.UnpackHigh(wa, wb);
        }
    }

    /// <summary>Channels c0 + first + [0..3] and c0 + first + [8..11]: the lane order of the unpacked products.</summary>
    private static Vector256<int> Permuted(ReadOnlySpan<int> values, int c0, int first) =>
        Vector256.Create(Vector128.Create(values.Slice(c0 + first, 4)), Vector128.Create(values.Slice(c0 + first + 8, 4)));

    /// <summary>16 channels of one tap as int16, or the input zero point for a padded tap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Widen(ref sbyte input, int offset, int c0, Vector256<short> padding) =>
        offset < 0 ? padding : Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref input, (nuint)(offset + c0)));
}
