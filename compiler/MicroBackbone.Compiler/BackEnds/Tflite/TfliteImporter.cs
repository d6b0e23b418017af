using System.Text;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// Imports a TFLite model (schema v3, subgraph 0) into an IR graph. Meant for converter-made int8 models and for
/// the files <see cref="TfliteExporter"/> writes: CONV_2D, DEPTHWISE_CONV_2D (depth multiplier 1),
/// FULLY_CONNECTED, AVERAGE_POOL_2D, MAX_POOL_2D, ADD, MUL, RESHAPE, SOFTMAX, PAD, PADV2 (zero, or the lowest value folded into the VALID max pool it feeds), MEAN over H and W,
/// QUANTIZE/DEQUANTIZE, LOGISTIC, HARD_SWISH, RELU, RELU6; SAME/VALID padding becomes explicit padding, fused
/// activations stay fused, shared buffers are read once per tensor and tensors no operator uses are left out. The
/// exporter's one-hot depthwise Shift and depthwise HardSigmoid are recognised and restored. Anything else is a
/// <see cref="TfliteConversionException"/> naming the file, the operator index and the operator.
/// </summary>
public static class TfliteImporter
{
    /// <summary>Imports the model in <paramref name="data"/>; <paramref name="source"/> (e.g. the file name) names it in errors.</summary>
    /// <exception cref="TfliteFormatException">The bytes are not a readable TFLite model.</exception>
    /// <exception cref="TfliteConversionException">The model uses something the IR cannot represent.</exception>
    public static IrGraph Import(byte[] data, string source)
    {
        var model = TfliteReader.Read(data, source);
        return Import(model, source);
    }

    /// <summary>Imports a model already read with <see cref="TfliteReader"/> or built in memory (checked for consistency first).</summary>
    public static IrGraph Import(TfliteModel model, string source) => Import(model, source, restorePatterns: true);

    /// <summary>
    /// Imports with or without turning the exporter's depthwise forms back into Shift and HardSigmoid; tests use
    /// <paramref name="restorePatterns"/> = false to run the depthwise forms themselves.
    /// </summary>
    internal static IrGraph Import(TfliteModel model, string source, bool restorePatterns)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (TfliteModelChecks.FirstProblem(model) is { } problem)
        {
            throw new TfliteFormatException($"{source}: {problem}");
        }

        var subgraph = model.Subgraphs[0];
        var state = new TfliteImportState(model, subgraph, source) { RestorePatterns = restorePatterns };
        var inputs = subgraph.Inputs.Select(state.Tensor).ToList();
        for (var i = 0; i < subgraph.Operators.Count; i++)
        {
            if (!state.Absorbed.Contains(i))
            {
                TfliteOperatorImport.Import(state, i);
            }
        }

        var outputs = subgraph.Outputs.Select(state.Tensor).ToList();
        var name = subgraph.Name.Length > 0 ? subgraph.Name : Path.GetFileNameWithoutExtension(source);
        var metadata = new Dictionary<string, string> { ["source"] = Path.GetFileName(source) };
        if (model.MinRuntimeVersion() is { } runtime)
        {
            metadata["tflite_min_runtime_version"] = runtime;
        }

        IReadOnlyList<string> classNames = ClassNames(model);
        if (ClassNameCount.Mismatch(classNames.Count, ClassNameCount.Outputs(state.Tensors, outputs), source, $"metadata.{TfliteExporter.ClassNamesMetadata}") is { } mismatch)
        {
            throw new TfliteConversionException(mismatch);
        }

        var graph = new IrGraph(name, state.Tensors, state.Operators, inputs, outputs, classNames, metadata);
        try
        {
            GraphValidator.Validate(graph);
        }
        catch (IrValidationException e)
        {
            throw new TfliteConversionException($"{source}: the imported graph is not valid IR: {e.Message}");
        }

        return TransposeFolding.Run(graph);
    }

    /// <summary>The labels the exporter stored in <see cref="TfliteExporter.ClassNamesMetadata"/>, or none.</summary>
    private static IReadOnlyList<string> ClassNames(TfliteModel model)
    {
        var entry = model.Metadata.FirstOrDefault(m => m.Name == TfliteExporter.ClassNamesMetadata);
        if (entry is null || entry.Buffer <= 0 || entry.Buffer >= model.Buffers.Count || model.Buffers[entry.Buffer].IsEmpty)
        {
            return Array.Empty<string>();
        }

        return Encoding.UTF8.GetString(model.Buffers[entry.Buffer].Data.ToArray()).Split('\n');
    }
}
