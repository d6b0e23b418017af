namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of SUB (schema table <c>SubOptions</c>).</summary>
/// <param name="Activation">Fused activation.</param>
/// <param name="PotScaleInt16">int16 kernels assume power-of-two scales (schema default true).</param>
public sealed record TfliteSubOptions(TfliteActivation Activation = TfliteActivation.None, bool PotScaleInt16 = true)
    : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.SubOptions;
}
