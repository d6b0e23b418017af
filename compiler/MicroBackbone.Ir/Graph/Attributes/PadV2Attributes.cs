namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.PadV2"/>: padding amounts of every dimension.</summary>
/// <param name="Before">Elements added before each dimension (≥ 0).</param>
/// <param name="After">Elements added after each dimension (≥ 0).</param>
public sealed record PadV2Attributes(EquatableArray<int> Before, EquatableArray<int> After) : IrAttributes;
