namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.TransposeConv2D"/>.</summary>
/// <param name="StrideH">Vertical stride (&gt;= 1): input row iy lands on output rows from iy * StrideH - PadTop.</param>
/// <param name="StrideW">Horizontal stride (&gt;= 1).</param>
/// <param name="PadTop">
/// Rows cut from the top of the full scattered image (&gt;= 0). TFLite derives it from SAME/VALID and the output
/// height (see <see cref="TransposeConvPadding"/>); only the top and left cuts matter, the output size bounds the rest.
/// </param>
/// <param name="PadLeft">Columns cut from the left (&gt;= 0).</param>
/// <param name="OutputHeight">Output height (TFLite's constant output_shape[1]).</param>
/// <param name="OutputWidth">Output width (output_shape[2]).</param>
/// <param name="Activation">Fused output activation.</param>
public sealed record TransposeConv2DAttributes(
    int StrideH,
    int StrideW,
    int PadTop,
    int PadLeft,
    int OutputHeight,
    int OutputWidth,
    FusedActivation Activation = FusedActivation.None) : IrAttributes;
