namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>Choices of <see cref="TfliteExporter"/>.</summary>
/// <param name="KeepFloatEdges">
/// Keep an int8 graph's float32 input Quantize and output Dequantize as QUANTIZE/DEQUANTIZE operators. The default
/// (false) exports a full-integer model with int8 input and output, as TFLite Micro deployments expect.
/// </param>
/// <param name="Description">The model's description field.</param>
public sealed record TfliteExportOptions(bool KeepFloatEdges = false, string Description = "MicroBackbone mbc")
{
    /// <summary>Full-integer export with the default description.</summary>
    public static TfliteExportOptions Default { get; } = new();
}
