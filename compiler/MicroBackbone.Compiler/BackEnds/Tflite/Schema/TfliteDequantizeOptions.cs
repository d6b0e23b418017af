namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of DEQUANTIZE (schema table <c>DequantizeOptions</c>, no fields; converters may write it or leave it out).</summary>
public sealed record TfliteDequantizeOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.DequantizeOptions;
}
