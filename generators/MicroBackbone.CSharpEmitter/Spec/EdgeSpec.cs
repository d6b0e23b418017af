using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>One graph input or output as the generated API exposes it: shape, int8 quantization and arena slice.</summary>
/// <param name="Shape">The tensor's shape (NHWC for images).</param>
/// <param name="Quant">Its quantization (used by the float entry points).</param>
/// <param name="Region">Where it lives in the arena.</param>
/// <param name="IsFloat">True when the file declares the edge float32 (a Quantize reads it, a Dequantize makes it):
/// <c>InvokeDeclared</c> takes it as float.</param>
internal sealed record EdgeSpec(EquatableArray<int> Shape, QuantSpec Quant, ArenaRegion Region, bool IsFloat);
