namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Shift"/>: one offset per channel; cells read outside are zero.</summary>
/// <param name="Offsets">Exactly C entries for an input of C channels.</param>
public sealed record ShiftAttributes(EquatableArray<ShiftOffset> Offsets) : IrAttributes;
