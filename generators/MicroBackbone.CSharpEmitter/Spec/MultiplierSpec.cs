namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>A fixed-point multiplier <c>M ≈ Multiplier * 2^(Shift - 31)</c>, as QuantizedMultiplier encodes it.</summary>
internal readonly record struct MultiplierSpec(int Multiplier, int Shift);
