namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of MAXIMUM and MINIMUM (schema table <c>MaximumMinimumOptions</c>, which has no fields).</summary>
public sealed record TfliteMaximumMinimumOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.MaximumMinimumOptions;
}
