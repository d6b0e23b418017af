namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>Per-tensor int8 quantization of a graph input or output: <c>real = Scale * (q - ZeroPoint)</c>.</summary>
internal readonly record struct QuantSpec(float Scale, int ZeroPoint);
