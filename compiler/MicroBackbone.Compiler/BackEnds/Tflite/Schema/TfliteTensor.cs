namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>A tensor of a subgraph (schema table <c>Tensor</c>).</summary>
/// <param name="Name">Name for debugging and importers.</param>
/// <param name="Type">Element type.</param>
/// <param name="Shape">Static shape (NHWC for images).</param>
/// <param name="Buffer">Index into <see cref="TfliteModel.Buffers"/>; 0 (the empty buffer) for activations.</param>
/// <param name="Quantization">Quantization parameters, or null for float/int tensors without them.</param>
/// <param name="IsVariable">The tensor is a mutable state variable.</param>
/// <param name="ShapeSignature">Shape with -1 for dynamic dimensions, or null when absent (fully static).</param>
/// <param name="HasRank">Distinguishes a scalar (rank known, shape []) from unknown rank.</param>
public sealed record TfliteTensor(
    string Name,
    TfliteTensorType Type,
    StructuralList<int> Shape,
    int Buffer = 0,
    TfliteQuantization? Quantization = null,
    bool IsVariable = false,
    StructuralList<int>? ShapeSignature = null,
    bool HasRank = false);
