namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>
/// One operator of a patched segment run on one row band: the output rows it makes, the input rows it reads (inside
/// the input tensor) and the padding rows the band version adds above and below. Padding appears only where the band
/// touches the true image border, so the band reads real rows at its interior edges and makes exactly the values the
/// whole-tensor operator makes on those rows.
/// </summary>
/// <param name="OperatorIndex">Index of the original operator in the graph.</param>
/// <param name="Input">Input rows read (clipped to the input tensor).</param>
/// <param name="Output">Output rows made.</param>
/// <param name="PadTop">Padding rows above <paramref name="Input"/> (non-zero only at the top border).</param>
/// <param name="PadBottom">Padding rows below <paramref name="Input"/> (non-zero only at the bottom border).</param>
public sealed record BandStep(int OperatorIndex, RowSpan Input, RowSpan Output, int PadTop, int PadBottom);
