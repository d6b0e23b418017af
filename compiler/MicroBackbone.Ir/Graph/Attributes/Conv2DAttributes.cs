namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Conv2D"/>.</summary>
/// <param name="StrideH">Vertical stride (&gt;= 1).</param>
/// <param name="StrideW">Horizontal stride (&gt;= 1).</param>
/// <param name="Padding">Explicit padding.</param>
/// <param name="DilationH">Vertical dilation (&gt;= 1).</param>
/// <param name="DilationW">Horizontal dilation (&gt;= 1).</param>
/// <param name="Activation">Fused output activation.</param>
/// <param name="Groups">
/// Channel groups (&gt;= 1): the input's C channels and the O filters split into this many equal groups, filter o
/// sees only input channels of its group, so the weights are OHWI with I = C / groups. 1 is a dense convolution.
/// </param>
public sealed record Conv2DAttributes(
    int StrideH = 1,
    int StrideW = 1,
    Padding2D Padding = default,
    int DilationH = 1,
    int DilationW = 1,
    FusedActivation Activation = FusedActivation.None,
    int Groups = 1) : IrAttributes;
