namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Raw little-endian data of a constant tensor or metadata (schema table <c>Buffer</c>). Buffer 0 of a model is
/// always empty so tensors without data can point at it; one buffer may back several tensors.
/// </summary>
/// <param name="Data">The bytes; empty for the sentinel and for activations.</param>
public sealed record TfliteBuffer(StructuralList<byte> Data)
{
    /// <summary>A buffer without data.</summary>
    public static TfliteBuffer Empty { get; } = new(StructuralList<byte>.Empty);

    /// <summary>True when the buffer holds no bytes.</summary>
    public bool IsEmpty => Data.Count == 0;
}
