namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// Prepared source rows and columns for <see cref="ResizeNearestNeighbor"/> (reference/resize_nearest_neighbor.h).
/// The coordinates are computed once, in float32 exactly as TFLite does, so Eval is pure addressing.
/// </summary>
public sealed class ResizeNearestNeighborParams
{
    private ResizeNearestNeighborParams(Nhwc input, Nhwc output, int[] sourceRows, int[] sourceColumns)
    {
        Input = input;
        Output = output;
        SourceRows = sourceRows;
        SourceColumns = sourceColumns;
    }

    /// <summary>Input shape.</summary>
    public Nhwc Input { get; }

    /// <summary>Output shape.</summary>
    public Nhwc Output { get; }

    /// <summary>The input row each output row copies.</summary>
    public IReadOnlyList<int> SourceRows { get; }

    /// <summary>The input column each output column copies.</summary>
    public IReadOnlyList<int> SourceColumns { get; }

    /// <summary>Tabulates <see cref="Source"/> for every output row and column.</summary>
    public static ResizeNearestNeighborParams Prepare(Nhwc input, int outputHeight, int outputWidth, bool alignCorners, bool halfPixelCenters)
    {
        if (outputHeight < 1 || outputWidth < 1)
        {
            throw new QuantizationException($"resize output size {outputHeight}x{outputWidth} must be at least 1x1");
        }

        var rows = Enumerable.Range(0, outputHeight).Select(y => Source(y, input.Height, outputHeight, alignCorners, halfPixelCenters)).ToArray();
        var cols = Enumerable.Range(0, outputWidth).Select(x => Source(x, input.Width, outputWidth, alignCorners, halfPixelCenters)).ToArray();
        return new ResizeNearestNeighborParams(input, new Nhwc(input.Batch, outputHeight, outputWidth, input.Channels), rows, cols);
    }

    /// <summary>
    /// TFLite's GetNearestNeighbor: scale = (in - 1) / (out - 1) with align_corners (and out &gt; 1), else in / out,
    /// in float32; the source is round((v + offset) * scale) (half away from zero) with align_corners, else floor;
    /// offset 0.5 with half_pixel_centers; capped at in - 1, and at 0 from below with half_pixel_centers.
    /// </summary>
    public static int Source(int value, int inputSize, int outputSize, bool alignCorners, bool halfPixelCenters)
    {
        float scale = alignCorners && outputSize > 1 ? (inputSize - 1) / (float)(outputSize - 1) : inputSize / (float)outputSize;
        float offset = halfPixelCenters ? 0.5f : 0f;
        float scaled = (float)((value + offset) * scale);
        int source = Math.Min(alignCorners ? (int)Math.Round((double)scaled, MidpointRounding.AwayFromZero) : (int)Math.Floor((double)scaled), inputSize - 1);
        return halfPixelCenters ? Math.Max(0, source) : source;
    }
}

/// <summary>int8 (any type) nearest-neighbour resize: a copy of the chosen pixel, no arithmetic on values.</summary>
public static class ResizeNearestNeighbor
{
    /// <summary>out[n, y, x, c] = in[n, rows[y], cols[x], c].</summary>
    public static void Eval(ResizeNearestNeighborParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        p.Input.CheckLength(input.Length, "resize input");
        p.Output.CheckLength(output.Length, "resize output");
        int depth = p.Input.Channels;
        int o = 0;
        for (int n = 0; n < p.Output.Batch; n++)
        {
            for (int y = 0; y < p.Output.Height; y++)
            {
                for (int x = 0; x < p.Output.Width; x++)
                {
                    input.Slice(p.Input.Offset(n, p.SourceRows[y], p.SourceColumns[x], 0), depth).CopyTo(output.Slice(o, depth));
                    o += depth;
                }
            }
        }
    }
}
