namespace MicroBackbone.Runtime;

/// <summary>int8 to float32 (reference dequantize.h).</summary>
public static class Dequantize
{
    /// <summary>x = (float)((double)scale * (q - zeroPoint)).</summary>
    public static void Run(float scale, int zeroPoint, ReadOnlySpan<sbyte> input, Span<float> output)
    {
        Check.Length(input.Length, output.Length, "dequantize input");
        double s = scale;
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = (float)(s * (input[i] - zeroPoint));
        }
    }
}
