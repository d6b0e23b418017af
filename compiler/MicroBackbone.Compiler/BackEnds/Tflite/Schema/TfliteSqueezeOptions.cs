namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of SQUEEZE (schema table <c>SqueezeOptions</c>).</summary>
/// <param name="SqueezeDims">The size-1 axes to remove (negative counts from the end); null or empty removes every size-1 axis.</param>
public sealed record TfliteSqueezeOptions(StructuralList<int>? SqueezeDims) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.SqueezeOptions;
}
