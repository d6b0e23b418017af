namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.Softmax"/>.</summary>
/// <param name="Beta">Input multiplier (1 for the usual softmax).</param>
public sealed record SoftmaxAttributes(float Beta = 1f) : IrAttributes;
