namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.LeakyRelu"/>.</summary>
/// <param name="Alpha">Slope for x &lt;= 0 (any finite value; TFLite allows negative and above 1).</param>
public sealed record LeakyReluAttributes(float Alpha) : IrAttributes;
