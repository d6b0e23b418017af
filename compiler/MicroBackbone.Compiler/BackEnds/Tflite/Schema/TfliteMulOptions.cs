namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of MUL (schema table <c>MulOptions</c>).</summary>
/// <param name="Activation">Fused activation.</param>
public sealed record TfliteMulOptions(TfliteActivation Activation = TfliteActivation.None) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.MulOptions;
}
