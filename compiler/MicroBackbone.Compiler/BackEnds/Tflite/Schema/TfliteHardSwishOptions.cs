namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of HARD_SWISH (schema table <c>HardSwishOptions</c>, no fields; converters may write it or leave it out).</summary>
public sealed record TfliteHardSwishOptions : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.HardSwishOptions;
}
