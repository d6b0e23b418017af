namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.DepthwiseConv2D"/>.</summary>
/// <param name="StrideH">Vertical stride (&gt;= 1).</param>
/// <param name="StrideW">Horizontal stride (&gt;= 1).</param>
/// <param name="Padding">Explicit padding.</param>
/// <param name="DepthMultiplier">Output channels per input channel (O = C_in * multiplier).</param>
/// <param name="DilationH">Vertical dilation (&gt;= 1).</param>
/// <param name="DilationW">Horizontal dilation (&gt;= 1).</param>
/// <param name="Activation">Fused output activation.</param>
public sealed record DepthwiseConv2DAttributes(
    int StrideH = 1,
    int StrideW = 1,
    Padding2D Padding = default,
    int DepthMultiplier = 1,
    int DilationH = 1,
    int DilationW = 1,
    FusedActivation Activation = FusedActivation.None) : IrAttributes;
