namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Options of RESHAPE (schema table <c>ReshapeOptions</c>). Runtimes prefer the shape tensor given as second input;
/// this copy is kept for older kernels.
/// </summary>
/// <param name="NewShape">The target shape, or null when the field is absent.</param>
public sealed record TfliteReshapeOptions(StructuralList<int>? NewShape) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.ReshapeOptions;
}
