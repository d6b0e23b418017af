namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>int8 average pooling (reference/integer_ops/pooling.h AveragePool).</summary>
public static class AveragePool2D
{
    /// <summary>
    /// Sums the raw int8 values inside the window (padding excluded), divides by the number of in-bounds taps with
    /// rounding half away from zero ((s + n/2) / n for s &gt; 0, (s - n/2) / n otherwise, C truncating division), clamps.
    /// </summary>
    public static void Eval(Pool2DParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Nhwc inS = p.Input;
        Nhwc outS = p.Output;
        Window2D win = p.Window;
        inS.CheckLength(input.Length, "average pool input");
        outS.CheckLength(output.Length, "average pool output");
        for (int n = 0; n < outS.Batch; n++)
        {
            for (int y = 0; y < outS.Height; y++)
            {
                int y0 = (y * win.StrideHeight) - win.PadTop;
                int yStart = Math.Max(0, -y0);
                int yEnd = Math.Min(win.KernelHeight, inS.Height - y0);
                for (int x = 0; x < outS.Width; x++)
                {
                    int x0 = (x * win.StrideWidth) - win.PadLeft;
                    int xStart = Math.Max(0, -x0);
                    int xEnd = Math.Min(win.KernelWidth, inS.Width - x0);
                    // Prepare guarantees at least one in-bounds tap per window.
                    int count = (yEnd - yStart) * (xEnd - xStart);

                    for (int c = 0; c < outS.Channels; c++)
                    {
                        int sum = 0;
                        for (int ky = yStart; ky < yEnd; ky++)
                        {
                            for (int kx = xStart; kx < xEnd; kx++)
                            {
                                sum += input[inS.Offset(n, y0 + ky, x0 + kx, c)];
                            }
                        }

                        output[outS.Offset(n, y, x, c)] = (sbyte)p.Clamp.Clamp(RoundedDivide(sum, count));
                    }
                }
            }
        }
    }

    /// <summary>TFLite's average-pool division: round half away from zero using truncating integer division.</summary>
    public static int RoundedDivide(int sum, int count) =>
        sum > 0 ? (sum + (count / 2)) / count : (sum - (count / 2)) / count;
}
