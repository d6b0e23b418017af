namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Reshape"/>.</summary>
/// <param name="NewShape">Target shape; at most one entry may be -1 (inferred from the element count).</param>
public sealed record ReshapeAttributes(EquatableArray<int> NewShape) : IrAttributes;
