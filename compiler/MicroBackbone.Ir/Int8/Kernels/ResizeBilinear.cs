namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// Prepared integer coordinates for <see cref="ResizeBilinear"/> (reference/resize_bilinear.h ResizeBilinearInteger,
/// the int8 path of TFLM's resize_bilinear.cc): positions in units of 1/1024 of an input pixel, no floating point.
/// </summary>
public sealed class ResizeBilinearParams
{
    /// <summary>Fractional bits of a coordinate.</summary>
    public const int FractionBits = 10;

    private ResizeBilinearParams(Nhwc input, Nhwc output, Axis rows, Axis columns)
    {
        Input = input;
        Output = output;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Input shape.</summary>
    public Nhwc Input { get; }

    /// <summary>Output shape.</summary>
    public Nhwc Output { get; }

    /// <summary>For each output row: the scaled position and the two input rows it blends.</summary>
    public Axis Rows { get; }

    /// <summary>For each output column: the scaled position and the two input columns it blends.</summary>
    public Axis Columns { get; }

    /// <summary>Computes the 10-bit scales and, per output row and column, the position and neighbours.</summary>
    public static ResizeBilinearParams Prepare(Nhwc input, int outputHeight, int outputWidth, bool alignCorners, bool halfPixelCenters)
    {
        if (outputHeight < 1 || outputWidth < 1)
        {
            throw new QuantizationException($"resize output size {outputHeight}x{outputWidth} must be at least 1x1");
        }

        if (alignCorners && halfPixelCenters)
        {
            throw new QuantizationException("a bilinear resize cannot have both align_corners and half_pixel_centers");
        }

        return new ResizeBilinearParams(input, new Nhwc(input.Batch, outputHeight, outputWidth, input.Channels),
            Axis.Of(input.Height, outputHeight, alignCorners, halfPixelCenters), Axis.Of(input.Width, outputWidth, alignCorners, halfPixelCenters));
    }

    /// <summary>One axis' coordinates: <c>Scaled[i]</c> in 1/1024 units, neighbours <c>Lower[i]</c> and <c>Upper[i]</c>.</summary>
    public sealed class Axis
    {
        private Axis(int[] scaled, int[] lower, int[] upper)
        {
            Scaled = scaled;
            Lower = lower;
            Upper = upper;
        }

        /// <summary>The output position mapped into the input, times 1024 (may be negative near the start).</summary>
        public IReadOnlyList<int> Scaled { get; }

        /// <summary>max(Scaled / 1024 truncated, 0).</summary>
        public IReadOnlyList<int> Lower { get; }

        /// <summary>min((Scaled + 1023) / 1024 truncated, in - 1).</summary>
        public IReadOnlyList<int> Upper { get; }

        /// <summary>
        /// scale10 = (1024 * in + out / 2) / out, or (1024 * (in - 1) + (out - 1) / 2) / (out - 1) with align_corners
        /// and out &gt; 1; position v * scale10, or v * scale10 + scale10 / 2 - 512 with half_pixel_centers.
        /// </summary>
        internal static Axis Of(int inputSize, int outputSize, bool alignCorners, bool halfPixelCenters)
        {
            int one = 1 << FractionBits;
            int scale = alignCorners && outputSize > 1
                ? ((one * (inputSize - 1)) + ((outputSize - 1) / 2)) / (outputSize - 1)
                : ((one * inputSize) + (outputSize / 2)) / outputSize;
            var scaled = new int[outputSize];
            var lower = new int[outputSize];
            var upper = new int[outputSize];
            for (int v = 0; v < outputSize; v++)
            {
                scaled[v] = halfPixelCenters ? (v * scale) + (scale / 2) - (one / 2) : v * scale;
                lower[v] = Math.Max(scaled[v] / one, 0);
                upper[v] = Math.Min((scaled[v] + one - 1) / one, inputSize - 1);
            }

            return new Axis(scaled, lower, upper);
        }
    }
}

/// <summary>int8 bilinear resize with TFLM's integer arithmetic.</summary>
public static class ResizeBilinear
{
    /// <summary>
    /// With dy = Scaled_y - 1024 y0 and dx = Scaled_x - 1024 x0, the 64-bit sum
    /// s = q(y0,x0)(1024-dy)(1024-dx) + q(y1,x0) dy (1024-dx) + q(y0,x1)(1024-dy) dx + q(y1,x1) dy dx, and
    /// out = (s + (s &gt; 0 ? 2^19 : -2^19)) / 2^20 truncated toward zero (half away from zero), stored as int8.
    /// </summary>
    public static void Eval(ResizeBilinearParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        p.Input.CheckLength(input.Length, "resize input");
        p.Output.CheckLength(output.Length, "resize output");
        int one = 1 << ResizeBilinearParams.FractionBits;
        int o = 0;
        for (int n = 0; n < p.Output.Batch; n++)
        {
            for (int y = 0; y < p.Output.Height; y++)
            {
                int y0 = p.Rows.Lower[y], y1 = p.Rows.Upper[y], dy = p.Rows.Scaled[y] - (one * y0);
                for (int x = 0; x < p.Output.Width; x++)
                {
                    int x0 = p.Columns.Lower[x], x1 = p.Columns.Upper[x], dx = p.Columns.Scaled[x] - (one * x0);
                    for (int c = 0; c < p.Input.Channels; c++)
                    {
                        long sum = ((long)input[p.Input.Offset(n, y0, x0, c)] * (one - dy) * (one - dx))
                            + ((long)input[p.Input.Offset(n, y1, x0, c)] * dy * (one - dx))
                            + ((long)input[p.Input.Offset(n, y0, x1, c)] * (one - dy) * dx)
                            + ((long)input[p.Input.Offset(n, y1, x1, c)] * dy * dx);
                        output[o++] = Round(sum);
                    }
                }
            }
        }
    }

    /// <summary>The 2^20-scaled blend rounded half away from zero (TFLITE_SINGLE_ROUNDING off), cast to int8.</summary>
    public static sbyte Round(long sum) => unchecked((sbyte)((sum + (sum > 0 ? 1L << 19 : -(1L << 19))) / (1L << 20)));
}
