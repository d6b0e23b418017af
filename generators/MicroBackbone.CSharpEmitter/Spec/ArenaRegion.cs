namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>A slice of the activation arena: byte offset and element count (int8, so also bytes).</summary>
internal readonly record struct ArenaRegion(int Offset, int Length);
