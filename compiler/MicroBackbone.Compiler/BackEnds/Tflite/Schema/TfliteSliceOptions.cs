namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of SLICE (schema table <c>SliceOptions</c>, which has no fields).</summary>
public sealed record TfliteSliceOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.SliceOptions;
}
