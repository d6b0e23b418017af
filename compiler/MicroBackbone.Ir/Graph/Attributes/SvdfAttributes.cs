namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Svdf"/>.</summary>
/// <param name="Rank">Filters per output unit: the F filters form F / rank units whose filter outputs are summed.</param>
/// <param name="Activation">
/// Fused output activation. The float kernel applies it; TFLite Micro's int8 kernel clamps to the int8 range only,
/// and the int8 spec follows it (docs/INT8.md, Svdf).
/// </param>
public sealed record SvdfAttributes(int Rank, FusedActivation Activation = FusedActivation.None) : IrAttributes;
