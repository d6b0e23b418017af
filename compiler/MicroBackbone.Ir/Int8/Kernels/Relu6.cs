namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// A standalone int8 RELU6 as TFLite Micro runs it (activations_common.cc Relu6Prepare, activations.h
/// Relu6Quantized): a clamp of the input values to the input's quantized 0 and 6, with no rescaling. The output
/// holds input-domain values whatever parameters it declares (the converter gives both the same).
/// </summary>
public static class Relu6
{
    /// <summary>The bounds: the input zero point and 6.0 quantized with the input's parameters.</summary>
    public static (sbyte Lower, sbyte Upper) Prepare(QuantizationParams input) =>
        ((sbyte)Math.Max(sbyte.MinValue, Math.Min(sbyte.MaxValue, input.ZeroPoint)), input.Quantize(6f));

    /// <summary>out = clamp(in, lower, upper).</summary>
    public static void Eval((sbyte Lower, sbyte Upper) bounds, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            sbyte v = input[i];
            output[i] = v > bounds.Upper ? bounds.Upper : v < bounds.Lower ? bounds.Lower : v;
        }
    }
}
