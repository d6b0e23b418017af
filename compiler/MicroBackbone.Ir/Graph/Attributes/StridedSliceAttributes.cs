namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.StridedSlice"/>, resolved: every index is inside the input.</summary>
/// <param name="Begin">First input index read per dimension (0 ≤ begin &lt; dim).</param>
/// <param name="Size">Elements taken per dimension (≥ 1); the output shape.</param>
/// <param name="Strides">Step per dimension (non-zero; negative walks backwards from <paramref name="Begin"/>).</param>
public sealed record StridedSliceAttributes(EquatableArray<int> Begin, EquatableArray<int> Size, EquatableArray<int> Strides) : IrAttributes;
