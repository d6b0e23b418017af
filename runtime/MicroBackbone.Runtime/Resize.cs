namespace MicroBackbone.Runtime;

/// <summary>
/// Resizes of the H and W of an NHWC int8 tensor (TFLite RESIZE_NEAREST_NEIGHBOR / RESIZE_BILINEAR). The generator
/// tabulates the coordinates per output row and column; these loops only address and, bilinear, blend in integers.
/// </summary>
public static class Resize
{
    /// <summary>out[n, y, x, c] = in[n, rows[y], cols[x], c].</summary>
    public static void Nearest(in TensorShape input, int outputHeight, int outputWidth, ReadOnlySpan<int> rows, ReadOnlySpan<int> cols,
        ReadOnlySpan<sbyte> source, Span<sbyte> output)
    {
        input.Check(source.Length, "resize input");
        var outShape = new TensorShape(input.Batch, outputHeight, outputWidth, input.Channels);
        outShape.Check(output.Length, "resize output");
        Check.Length(rows.Length, outputHeight, "resize rows");
        Check.Length(cols.Length, outputWidth, "resize columns");
        int depth = input.Channels, o = 0;
        for (int n = 0; n < input.Batch; n++)
        {
            for (int y = 0; y < outputHeight; y++)
            {
                for (int x = 0; x < outputWidth; x++)
                {
                    source.Slice(input.Offset(n, rows[y], cols[x], 0), depth).CopyTo(output.Slice(o, depth));
                    o += depth;
                }
            }
        }
    }

    /// <summary>
    /// rows and cols hold, per output index, the position in 1/1024 input pixel and the lower and upper neighbour;
    /// the four-tap blend is summed in 64 bits and rounded half away from zero at 2^20 (TFLite's integer path).
    /// </summary>
    public static void Bilinear(in TensorShape input, int outputHeight, int outputWidth, ReadOnlySpan<int> rows, ReadOnlySpan<int> cols,
        ReadOnlySpan<sbyte> source, Span<sbyte> output)
    {
        input.Check(source.Length, "resize input");
        var outShape = new TensorShape(input.Batch, outputHeight, outputWidth, input.Channels);
        outShape.Check(output.Length, "resize output");
        Check.Length(rows.Length, 3 * outputHeight, "resize rows");
        Check.Length(cols.Length, 3 * outputWidth, "resize columns");
        const int One = 1024;
        int o = 0;
        for (int n = 0; n < input.Batch; n++)
        {
            for (int y = 0; y < outputHeight; y++)
            {
                int y0 = rows[(3 * y) + 1], y1 = rows[(3 * y) + 2], dy = rows[3 * y] - (One * y0);
                for (int x = 0; x < outputWidth; x++)
                {
                    int x0 = cols[(3 * x) + 1], x1 = cols[(3 * x) + 2], dx = cols[3 * x] - (One * x0);
                    for (int c = 0; c < input.Channels; c++)
                    {
                        long s = ((long)source[input.Offset(n, y0, x0, c)] * (One - dy) * (One - dx))
                            + ((long)source[input.Offset(n, y1, x0, c)] * dy * (One - dx))
                            + ((long)source[input.Offset(n, y0, x1, c)] * (One - dy) * dx)
                            + ((long)source[input.Offset(n, y1, x1, c)] * dy * dx);
                        output[o++] = unchecked((sbyte)((s + (s > 0 ? 1L << 19 : -(1L << 19))) / (1L << 20)));
                    }
                }
            }
        }
    }
}
