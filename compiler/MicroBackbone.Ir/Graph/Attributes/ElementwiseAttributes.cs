namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Add"/> and <see cref="IrOpKind.Mul"/> and <see cref="IrOpKind.Sub"/>.</summary>
/// <param name="Activation">Fused output activation.</param>
public sealed record ElementwiseAttributes(FusedActivation Activation = FusedActivation.None) : IrAttributes;
