namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>int8 -> float32 (reference/dequantize.h Dequantize); the prepared state is the input quantization.</summary>
public static class Dequantize
{
    /// <summary>x = (float)((double)scale * (q - zp)).</summary>
    public static void Eval(QuantizationParams input, ReadOnlySpan<sbyte> values, Span<float> result)
    {
        if (values.Length != result.Length)
        {
            throw new ArgumentException($"dequantize buffers differ in length ({values.Length} -> {result.Length})");
        }

        for (int i = 0; i < values.Length; i++)
        {
            result[i] = input.Dequantize(values[i]);
        }
    }
}
