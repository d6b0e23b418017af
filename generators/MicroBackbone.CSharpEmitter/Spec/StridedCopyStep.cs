using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>
/// A layout operator (Transpose, StridedSlice, Concatenation, PadV2) as strided-copy walks, one per part; PadV2 first
/// fills the output with <see cref="Fill"/>.
/// </summary>
internal sealed record StridedCopyStep(
    string OperatorKind, string OperatorName, ArenaRegion Input, ArenaRegion Output, EquatableArray<StridedCopyPart> Parts, sbyte? Fill)
    : StepSpec(OperatorKind, OperatorName, Input, Output);

/// <summary>
/// One walk: <see cref="Source"/> is an arena region, or (when <see cref="Constant"/> is set) the identifier of an
/// int8 constant; <see cref="Walk"/> names the 18-integer int32 constant of dims and strides.
/// </summary>
internal sealed record StridedCopyPart(ArenaRegion Source, string? Constant, string Walk, int InputOffset, int OutputOffset);
