namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of SOFTMAX (schema table <c>SoftmaxOptions</c>).</summary>
/// <param name="Beta">Input scale before the exponent; 1 for a plain softmax (the schema default is 0).</param>
public sealed record TfliteSoftmaxOptions(float Beta) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.SoftmaxOptions;
}
