namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of SVDF (schema table <c>SVDFOptions</c>).</summary>
/// <param name="Rank">Rank of the factorized weights (filters per unit).</param>
/// <param name="Activation">Fused activation.</param>
/// <param name="AsymmetricQuantizeInputs">Hybrid kernels quantize inputs asymmetrically.</param>
public sealed record TfliteSvdfOptions(
    int Rank,
    TfliteActivation Activation = TfliteActivation.None,
    bool AsymmetricQuantizeInputs = false) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.SVDFOptions;
}
