namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Affine quantization of a tensor (schema table <c>QuantizationParameters</c>): real = scale * (q - zero_point).
/// One scale means per-tensor; several mean per-axis along <see cref="QuantizedDimension"/> (e.g. output channels
/// of conv weights), with one zero point per scale.
/// </summary>
/// <param name="Scale">Scales, one per tensor or one per slice of the quantized dimension.</param>
/// <param name="ZeroPoint">Zero points, as many as scales.</param>
/// <param name="QuantizedDimension">The axis the scales run along (0 for per-tensor).</param>
/// <param name="Min">Optional float range minimum(s) kept for importers; empty when absent.</param>
/// <param name="Max">Optional float range maximum(s) kept for importers; empty when absent.</param>
public sealed record TfliteQuantization(
    StructuralList<float> Scale,
    StructuralList<long> ZeroPoint,
    int QuantizedDimension,
    StructuralList<float> Min,
    StructuralList<float> Max)
{
    /// <summary>True when there is more than one scale.</summary>
    public bool IsPerAxis => Scale.Count > 1;

    /// <summary>Per-tensor quantization with one scale and zero point.</summary>
    public static TfliteQuantization PerTensor(float scale, long zeroPoint) =>
        new([scale], [zeroPoint], 0, StructuralList<float>.Empty, StructuralList<float>.Empty);

    /// <summary>Per-axis quantization along <paramref name="dimension"/>.</summary>
    public static TfliteQuantization PerAxis(StructuralList<float> scales, StructuralList<long> zeroPoints, int dimension) =>
        new(scales, zeroPoints, dimension, StructuralList<float>.Empty, StructuralList<float>.Empty);
}
