namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of READ_VARIABLE (schema table <c>ReadVariableOptions</c>, which has no fields).</summary>
public sealed record TfliteReadVariableOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.ReadVariableOptions;
}
