namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>The int8 output range of a fused activation, inclusive.</summary>
internal readonly record struct ClampSpec(int Min, int Max);
