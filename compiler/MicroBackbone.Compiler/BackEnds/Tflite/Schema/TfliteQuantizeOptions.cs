namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of QUANTIZE (schema table <c>QuantizeOptions</c>, no fields; converters may write it or leave it out).</summary>
public sealed record TfliteQuantizeOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.QuantizeOptions;
}
