namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// A named entry point of the model (schema table <c>SignatureDef</c>), mapping caller-facing names to tensors of one
/// subgraph. The TFLite interpreter's signature runners use it; TFLite Micro ignores it.
/// </summary>
/// <param name="Key">The signature's name, e.g. "serving_default".</param>
/// <param name="SubgraphIndex">The subgraph it runs.</param>
/// <param name="Inputs">Named input tensors.</param>
/// <param name="Outputs">Named output tensors.</param>
public sealed record TfliteSignature(
    string Key,
    int SubgraphIndex,
    StructuralList<TfliteTensorMap> Inputs,
    StructuralList<TfliteTensorMap> Outputs);
