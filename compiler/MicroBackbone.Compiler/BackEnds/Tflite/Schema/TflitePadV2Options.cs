namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of PADV2 (schema table <c>PadV2Options</c>, which has no fields).</summary>
public sealed record TflitePadV2Options : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.PadV2Options;
}
