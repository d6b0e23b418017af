namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Transpose"/>.</summary>
/// <param name="Permutation">For each output dimension, the input dimension it takes (a permutation of 0..rank-1).</param>
public sealed record TransposeAttributes(EquatableArray<int> Permutation) : IrAttributes;
