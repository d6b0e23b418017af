using System.Runtime.CompilerServices;

namespace MicroBackbone.Runtime;

/// <summary>Where <see cref="PackedGemm"/> finds the input row (the receptive field) of one output pixel.</summary>
internal interface IGemmRows
{
    /// <summary>Values per row, in the weights' order.</summary>
    int Depth { get; }

    /// <summary>
    /// The row of output pixel <paramref name="pixel"/>: a slice of <paramref name="input"/> or <paramref name="scratch"/>
    /// filled. Callers ask for pixels mostly in order, which lets a row source keep a cursor.
    /// </summary>
    ReadOnlySpan<sbyte> Row(ReadOnlySpan<sbyte> input, int pixel, Span<sbyte> scratch);
}

/// <summary>A 1x1 stride-1 convolution (or fully connected layer): each pixel's channels are its row.</summary>
internal readonly struct PixelRows : IGemmRows
{
    public PixelRows(int channels) => Depth = channels;

    public int Depth { get; }

    public ReadOnlySpan<sbyte> Row(ReadOnlySpan<sbyte> input, int pixel, Span<sbyte> scratch) => input.Slice(pixel * Depth, Depth);
}

/// <summary>
/// A general convolution: each output pixel's row is its KH x KW x C receptive field (im2col, in OHWI order), with
/// the input zero point in taps that fall in the padding.
/// </summary>
internal struct PatchRows : IGemmRows
{
    private readonly TensorShape input;
    private readonly TensorShape output;
    private readonly Window2D window;
    private readonly sbyte zeroPoint;

    // The (n, y, x) of pixel `cursor`: the next pixel in order needs no division.
    private int cursor;
    private int cursorN;
    private int cursorY;
    private int cursorX;

    public PatchRows(TensorShape input, TensorShape output, Window2D window, int zeroPoint)
    {
        this.input = input;
        this.output = output;
        this.window = window;
        this.zeroPoint = (sbyte)zeroPoint;
        Depth = window.KernelHeight * window.KernelWidth * input.Channels;
        cursor = -1;
    }

    public int Depth { get; }

    public ReadOnlySpan<sbyte> Row(ReadOnlySpan<sbyte> values, int pixel, Span<sbyte> scratch)
    {
        Locate(pixel);
        int n = cursorN;
        int y = cursorY;
        int x = cursorX;
        int inY0 = (y * window.StrideHeight) - window.PadTop;
        int inX0 = (x * window.StrideWidth) - window.PadLeft;
        int c = input.Channels;
        int kw = window.KernelWidth;
        Span<sbyte> row = scratch.Slice(0, Depth);
        int run = kw * c;
        if (window.DilationWidth == 1 && inX0 >= 0 && inX0 + kw <= input.Width && inY0 >= 0
            && inY0 + ((window.KernelHeight - 1) * window.DilationHeight) < input.Height)
        {
            // The whole window is inside the input (most pixels): one run per kernel row, no padding.
            int start = input.Offset(n, inY0, inX0, 0);
            int rowStep = window.DilationHeight * input.Width * c;
            if (start + ((window.KernelHeight - 1) * rowStep) + run > values.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(pixel));
            }

            ref sbyte source = ref Unsafe.AsRef(in values[start]);
            ref sbyte destination = ref row[0];
            for (int ky = 0; ky < window.KernelHeight; ky++)
            {
                Copy(ref Unsafe.Add(ref source, ky * rowStep), ref Unsafe.Add(ref destination, ky * run), run, run);
            }

            return row;
        }

        for (int ky = 0; ky < window.KernelHeight; ky++)
        {
            int iy = inY0 + (ky * window.DilationHeight);
            Span<sbyte> taps = row.Slice(ky * kw * c, kw * c);
            if ((uint)iy >= (uint)input.Height)
            {
                taps.Fill(zeroPoint);
                continue;
            }

            if (window.DilationWidth == 1)
            {
                // The taps inside the input are one contiguous run of the input row.
                int kx0 = Math.Clamp(-inX0, 0, kw);
                int kx1 = Math.Clamp(input.Width - inX0, kx0, kw);
                taps.Slice(0, kx0 * c).Fill(zeroPoint);
                if (kx1 > kx0)
                {
                    int start = input.Offset(n, iy, inX0 + kx0, 0);
                    int length = (kx1 - kx0) * c;
                    Copy(ref Unsafe.AsRef(in values[start]), ref taps[kx0 * c], length, values.Length - start);
                }

                taps.Slice(kx1 * c).Fill(zeroPoint);
                continue;
            }

            for (int kx = 0; kx < kw; kx++)
            {
                int ix = inX0 + (kx * window.DilationWidth);
                Span<sbyte> tap = taps.Slice(kx * c, c);
                if ((uint)ix >= (uint)input.Width)
                {
                    tap.Fill(zeroPoint);
                }
                else
                {
                    values.Slice(input.Offset(n, iy, ix, 0), c).CopyTo(tap);
                }
            }
        }

        return row;
    }

    private void Locate(int pixel)
    {
        if (pixel == cursor + 1 && cursor >= 0)
        {
            cursor = pixel;
            if (++cursorX < output.Width)
            {
                return;
            }

            cursorX = 0;
            if (++cursorY < output.Height)
            {
                return;
            }

            cursorY = 0;
            cursorN++;
            return;
        }

        cursor = pixel;
        cursorX = pixel % output.Width;
        int rest = pixel / output.Width;
        cursorY = rest % output.Height;
        cursorN = rest / output.Height;
    }

    /// <summary>Copies a run of <paramref name="length"/> (at most <paramref name="available"/>) values; short runs, common in
    /// first layers with one or three channels, skip the call into memmove.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Copy(ref sbyte source, ref sbyte destination, int length, int available)
    {
        if (length > available)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        if (length >= 16)
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.As<sbyte, byte>(ref destination), ref Unsafe.As<sbyte, byte>(ref source), (uint)length);
            return;
        }

        for (int i = 0; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
        }
    }
}
