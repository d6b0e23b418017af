namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>
/// An operand of a two-input step: an arena slice, or (when <see cref="Constant"/> is set) the identifier of an int8
/// constant of the generated class.
/// </summary>
internal readonly record struct OperandSpec(ArenaRegion Region, string? Constant);
