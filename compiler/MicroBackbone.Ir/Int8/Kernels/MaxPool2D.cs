namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>int8 max pooling (reference/integer_ops/pooling.h MaxPool).</summary>
public static class MaxPool2D
{
    /// <summary>Maximum of the in-bounds raw values of each window (padding ignored), then the fused clamp.</summary>
    public static void Eval(Pool2DParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Nhwc inS = p.Input;
        Nhwc outS = p.Output;
        Window2D win = p.Window;
        inS.CheckLength(input.Length, "max pool input");
        outS.CheckLength(output.Length, "max pool output");
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
                    for (int c = 0; c < outS.Channels; c++)
                    {
                        int max = sbyte.MinValue;
                        for (int ky = yStart; ky < yEnd; ky++)
                        {
                            for (int kx = xStart; kx < xEnd; kx++)
                            {
                                max = Math.Max(max, input[inS.Offset(n, y0 + ky, x0 + kx, c)]);
                            }
                        }

                        output[outS.Offset(n, y, x, c)] = (sbyte)p.Clamp.Clamp(max);
                    }
                }
            }
        }
    }
}
