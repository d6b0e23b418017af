namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of TRANSPOSE (schema table <c>TransposeOptions</c>, which has no fields).</summary>
public sealed record TfliteTransposeOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.TransposeOptions;
}
