namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Concatenation"/>.</summary>
/// <param name="Axis">The dimension the inputs are joined along (0 ≤ axis &lt; rank).</param>
public sealed record ConcatenationAttributes(int Axis) : IrAttributes;
