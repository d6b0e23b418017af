namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>A named metadata entry of the model (schema table <c>Metadata</c>) whose content is a buffer.</summary>
/// <param name="Name">The entry's name, e.g. "min_runtime_version".</param>
/// <param name="Buffer">Index into <see cref="TfliteModel.Buffers"/>.</param>
public sealed record TfliteMetadata(string Name, int Buffer);
