namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of CONCATENATION (schema table <c>ConcatenationOptions</c>).</summary>
/// <param name="Axis">The axis to join along (negative counts from the end).</param>
/// <param name="Activation">Fused activation.</param>
public sealed record TfliteConcatenationOptions(int Axis, TfliteActivation Activation = TfliteActivation.None)
    : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.ConcatenationOptions;
}
