namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>float32 -> int8 (reference/quantize.h AffineQuantize); the prepared state is the output quantization.</summary>
public static class Quantize
{
    /// <summary>q = clamp(round(x / scale) + zp, -128, 127), division in float32, ties away from zero.</summary>
    public static void Eval(QuantizationParams output, ReadOnlySpan<float> input, Span<sbyte> result)
    {
        if (input.Length != result.Length)
        {
            throw new ArgumentException($"quantize buffers differ in length ({input.Length} -> {result.Length})");
        }

        for (int i = 0; i < input.Length; i++)
        {
            result[i] = output.Quantize(input[i]);
        }
    }
}
