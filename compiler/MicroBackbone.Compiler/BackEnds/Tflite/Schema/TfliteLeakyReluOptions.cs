namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of LEAKY_RELU (schema table <c>LeakyReluOptions</c>).</summary>
/// <param name="Alpha">Slope for negative inputs.</param>
public sealed record TfliteLeakyReluOptions(float Alpha) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.LeakyReluOptions;
}
