namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.FullyConnected"/>.</summary>
/// <param name="Activation">Fused output activation.</param>
public sealed record FullyConnectedAttributes(FusedActivation Activation = FusedActivation.None) : IrAttributes;
