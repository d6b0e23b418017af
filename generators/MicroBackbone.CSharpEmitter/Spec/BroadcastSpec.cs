using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>
/// A size-1 broadcast walk: output dimensions padded to rank 4 and each operand's element strides (0 along a
/// broadcast dimension), as MicroBackbone.Runtime's <c>BroadcastShape</c> takes them.
/// </summary>
internal sealed record BroadcastSpec(EquatableArray<int> Dims, EquatableArray<int> AStrides, EquatableArray<int> BStrides);
