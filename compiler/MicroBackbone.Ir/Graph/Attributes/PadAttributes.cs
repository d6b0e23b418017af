namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Pad"/>: spatial padding of an NHWC tensor.</summary>
/// <param name="Padding">Rows/columns added on each side; filled with the zero point.</param>
public sealed record PadAttributes(Padding2D Padding) : IrAttributes;
