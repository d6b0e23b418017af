using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Compilation;

/// <summary>
/// A model as the compile-side verbs receive it: the IR it lowers to, and what is known about its quantization.
/// </summary>
/// <param name="Source">The file it came from (for messages).</param>
/// <param name="Graph">The IR: float32 (a checkpoint, a float <c>.mbir</c>/<c>.tflite</c>) or already int8.</param>
/// <param name="Spec">Arch, input and classes when the model came from a checkpoint; null for IR and TFLite files.</param>
/// <param name="Quantization">The checkpoint's quantization record, or null for a float checkpoint or a file.</param>
public sealed record LoadedModel(string Source, IrGraph Graph, ModelSpec? Spec, QuantizationRecord? Quantization)
{
    /// <summary>True when <see cref="Graph"/> already computes in int8.</summary>
    public bool IsInt8 => Graph.Tensors.Any(t => t.DataType == IrDataType.Int8);
}
