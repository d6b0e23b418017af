using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>int8 max pooling (reference_integer_ops MaxPool): input and output share quantization.</summary>
public static class MaxPool2D
{
    /// <summary>Maximum of the in-bounds raw values of each window (padding ignored), clamped to [min, max].</summary>
    public static void Run(TensorShape inputShape, TensorShape outputShape, Window2D window, int activationMin, int activationMax,
        ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        inputShape.Check(input.Length, "max pool input");
        outputShape.Check(output.Length, "max pool output");
        int channels = inputShape.Channels;
        Check.Length(outputShape.Channels, channels, "max pool output channels");
        bool vector = ElementwiseVector.Enabled;
        Vector128<sbyte> lo = Vector128.Create((sbyte)Math.Max(activationMin, sbyte.MinValue));
        Vector128<sbyte> hi = Vector128.Create((sbyte)Math.Min(activationMax, sbyte.MaxValue));
        for (int n = 0; n < outputShape.Batch; n++)
        {
            for (int y = 0; y < outputShape.Height; y++)
            {
                int y0 = (y * window.StrideHeight) - window.PadTop;
                int yStart = Math.Max(0, -y0);
                int yEnd = Math.Min(window.KernelHeight, inputShape.Height - y0);
                for (int x = 0; x < outputShape.Width; x++)
                {
                    int x0 = (x * window.StrideWidth) - window.PadLeft;
                    int xStart = Math.Max(0, -x0);
                    int xEnd = Math.Min(window.KernelWidth, inputShape.Width - x0);
                    Span<sbyte> o = output.Slice(outputShape.Offset(n, y, x, 0), channels);
                    int c = 0;
                    if (vector)
                    {
                        for (; c <= channels - 16; c += 16)
                        {
                            Vector128<sbyte> max = Vector128.Create(sbyte.MinValue);
                            for (int ky = yStart; ky < yEnd; ky++)
                            {
                                for (int kx = xStart; kx < xEnd; kx++)
                                {
                                    max = Vector128.Max(max, Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(input), (nuint)inputShape.Offset(n, y0 + ky, x0 + kx, c)));
                                }
                            }

                            Vector128.Min(Vector128.Max(max, lo), hi).StoreUnsafe(ref MemoryMarshal.GetReference(o), (nuint)c);
                        }
                    }

                    for (; c < channels; c++)
                    {
                        int max = sbyte.MinValue;
                        for (int ky = yStart; ky < yEnd; ky++)
                        {
                            for (int kx = xStart; kx < xEnd; kx++)
                            {
                                max = Math.Max(max, input[inputShape.Offset(n, y0 + ky, x0 + kx, c)]);
                            }
                        }

                        o[c] = (sbyte)FixedPointMath.Clamp(max, activationMin, activationMax);
                    }
                }
            }
        }
    }
}
