namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of EXPAND_DIMS (schema table <c>ExpandDimsOptions</c>, which has no fields).</summary>
public sealed record TfliteExpandDimsOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.ExpandDimsOptions;
}
