namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of PAD (schema table <c>PadOptions</c>, no fields; paddings are the second input).</summary>
public sealed record TflitePadOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.PadOptions;
}
