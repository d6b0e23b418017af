namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>A name given to a tensor by a signature (schema table <c>TensorMap</c>).</summary>
/// <param name="Name">The caller-facing name.</param>
/// <param name="TensorIndex">Index into the signature's subgraph tensors.</param>
public sealed record TfliteTensorMap(string Name, int TensorIndex);
