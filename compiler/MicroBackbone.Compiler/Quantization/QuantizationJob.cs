using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Quantization;

namespace MicroBackbone.Compiler.Quantization;

/// <summary>
/// What <c>mbc quantize</c> runs: lower a float checkpoint, choose its int8 quantization (calibrated ranges for
/// static, the mode alone for dynamic), prove the static ranges give a valid int8 graph, and write a copy of the
/// checkpoint whose metadata carries the record. The input file is only read.
/// </summary>
/// <param name="Input">The float checkpoint.</param>
/// <param name="Output">The quantized checkpoint to write (atomically; must differ from the input).</param>
/// <param name="Type">Static or dynamic.</param>
/// <param name="Observer">How static calibration turns observed values into ranges.</param>
public sealed record QuantizationJob(string Input, string Output, QuantizationType Type, ObserverKind Observer = ObserverKind.MinMax)
{
    /// <summary>An input size asked for on the command line: the model is quantized (and saved) for it.</summary>
    public InputRequest? RequestedInput { get; init; }

    /// <summary>
    /// Quantizes; <paramref name="fallback"/> describes plain state dicts, <paramref name="calibration"/> supplies the
    /// images for the model's input (asked for only by static quantization). Returns the model it quantized and the record.
    /// </summary>
    public (ModelSpec Spec, QuantizationRecord Record) Run(ModelSpec fallback, Func<ModelSpec, IReadOnlyList<float[]>> calibration)
    {
        if (Path.GetFullPath(Input) == Path.GetFullPath(Output))
        {
            throw new MicroBackboneException($"--output-model: {Output} is the input model; quantize writes a new file and never modifies its input");
        }
        if (ModelSource.IrExtensions.Contains(Path.GetExtension(Input).ToLowerInvariant()))
        {
            throw new MicroBackboneException($"{Input}: quantize reads PyTorch checkpoints (.pth); compile a .mbir or .tflite directly");
        }
        LoadedModel loaded = ModelSource.Load(Input, fallback, requested: RequestedInput);
        if (loaded.Quantization != null)
        {
            throw new QuantizationRecordException(
                $"{Input}: already quantized ({loaded.Quantization.Type.ToString().ToLowerInvariant()}); quantize the float checkpoint it came from");
        }
        ModelSpec spec = loaded.Spec!;
        QuantizationRecord record;
        if (Type == QuantizationType.Static)
        {
            record = StaticQuantization.Calibrate(loaded.Graph, calibration(spec), Observer);
            StaticQuantization.Apply(loaded.Graph, record, Input);
        }
        else
        {
            record = new QuantizationRecord(QuantizationType.Dynamic, "", 0, null);
        }
        SaveCopy(Input, Output, spec, record);
        return (spec, record);
    }

    /// <summary>
    /// Writes <paramref name="source"/>'s weights and metadata to <paramref name="target"/> with the quantization set to
    /// <paramref name="record"/> (none when null); a plain state dict gets <paramref name="spec"/>'s metadata.
    /// </summary>
    public static void SaveCopy(string source, string target, ModelSpec spec, QuantizationRecord? record)
    {
        using Checkpoint checkpoint = CheckpointFile.Load(source, spec.ToMetadata());
        // The spec's input: a model rebuilt for another --input-size is calibrated and recorded at that size.
        CheckpointMetadata metadata = checkpoint.HasOwnMetadata ? checkpoint.Metadata with { InputShape = spec.Input } : spec.ToMetadata();
        CheckpointFile.Save(target, checkpoint.StateDict, metadata with { QuantizationJson = record?.ToJson() });
    }
}
