namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared addressing for <see cref="Shift"/>: a spatial offset per channel and the fill value.</summary>
public sealed class ShiftParams
{
    private ShiftParams(Nhwc shape, int[] dy, int[] dx, sbyte fill)
    {
        Shape = shape;
        OffsetY = dy;
        OffsetX = dx;
        Fill = fill;
    }

    /// <summary>Input and output shape (a shift never changes the shape or the quantization).</summary>
    public Nhwc Shape { get; }

    /// <summary>Rows each channel moves down (negative: up).</summary>
    public IReadOnlyList<int> OffsetY { get; }

    /// <summary>Columns each channel moves right (negative: left).</summary>
    public IReadOnlyList<int> OffsetX { get; }

    /// <summary>The input zero point, written where a shifted channel has no source (real 0).</summary>
    public sbyte Fill { get; }

    /// <summary>Prepares a shift with one (dy, dx) per channel.</summary>
    public static ShiftParams Prepare(Nhwc shape, IReadOnlyList<int> offsetY, IReadOnlyList<int> offsetX, QuantizationParams quant)
    {
        if (offsetY.Count != shape.Channels || offsetX.Count != shape.Channels)
        {
            throw new QuantizationException($"shift needs one (dy, dx) per channel: {shape.Channels} channels, {offsetY.Count}/{offsetX.Count} offsets");
        }

        return new ShiftParams(shape, offsetY.ToArray(), offsetX.ToArray(), (sbyte)quant.ZeroPoint);
    }
}

/// <summary>Per-channel spatial shift: pure addressing, no arithmetic, so it is exact in every back end.</summary>
public static class Shift
{
    /// <summary>out[n,h,w,c] = in[n, h + dy[c], w + dx[c], c] when in bounds, otherwise the input zero point (the IR's convention: an offset says where a channel reads from).</summary>
    public static void Eval(ShiftParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Nhwc s = p.Shape;
        s.CheckLength(input.Length, "shift input");
        s.CheckLength(output.Length, "shift output");
        for (int n = 0; n < s.Batch; n++)
        {
            for (int h = 0; h < s.Height; h++)
            {
                for (int w = 0; w < s.Width; w++)
                {
                    for (int c = 0; c < s.Channels; c++)
                    {
                        int sh = h + p.OffsetY[c];
                        int sw = w + p.OffsetX[c];
                        bool inside = sh >= 0 && sh < s.Height && sw >= 0 && sw < s.Width;
                        output[s.Offset(n, h, w, c)] = inside ? input[s.Offset(n, sh, sw, c)] : p.Fill;
                    }
                }
            }
        }
    }
}
