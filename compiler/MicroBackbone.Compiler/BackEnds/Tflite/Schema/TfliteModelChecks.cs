namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Consistency rules of a TFLite model that the flatbuffer layout itself cannot express: schema version, the empty
/// buffer 0, every index in range, options that belong to their operator, quantization vectors that match,
/// constant data that fits its tensor. The writer
/// refuses a model that breaks one (a bug upstream); the reader reports it as a corrupt file.
/// </summary>
internal static class TfliteModelChecks
{
    /// <summary>The first broken rule as "place: problem", or null when the model is consistent.</summary>
    public static string? FirstProblem(TfliteModel model)
    {
        if (model.Version != TfliteSchema.Version)
        {
            return $"model: schema version {model.Version}, expected {TfliteSchema.Version}";
        }

        if (model.Buffers.Count == 0 || !model.Buffers[0].IsEmpty)
        {
            return "buffers: buffer 0 must exist and be empty (the sentinel for tensors without data)";
        }

        if (model.Subgraphs.Count == 0)
        {
            return "subgraphs: the model has no subgraph";
        }

        for (var s = 0; s < model.Subgraphs.Count; s++)
        {
            var problem = SubgraphProblem(model, model.Subgraphs[s]);
            if (problem is not null)
            {
                return $"subgraph {s} > {problem}";
            }
        }

        for (var m = 0; m < model.Metadata.Count; m++)
        {
            var entry = model.Metadata[m];
            if (entry.Buffer < 0 || entry.Buffer >= model.Buffers.Count)
            {
                return $"metadata {m} '{entry.Name}': buffer {entry.Buffer} out of range ({model.Buffers.Count} buffers)";
            }
        }

        for (var g = 0; g < model.Signatures.Count; g++)
        {
            var problem = SignatureProblem(model, model.Signatures[g]);
            if (problem is not null)
            {
                return $"signature {g} '{model.Signatures[g].Key}': {problem}";
            }
        }

        return null;
    }

    private static string? SignatureProblem(TfliteModel model, TfliteSignature signature)
    {
        if (signature.SubgraphIndex < 0 || signature.SubgraphIndex >= model.Subgraphs.Count)
        {
            return $"subgraph {signature.SubgraphIndex} out of range ({model.Subgraphs.Count} subgraphs)";
        }

        var tensorCount = model.Subgraphs[signature.SubgraphIndex].Tensors.Count;
        foreach (var map in signature.Inputs.Concat(signature.Outputs))
        {
            if (map.TensorIndex < 0 || map.TensorIndex >= tensorCount)
            {
                return $"'{map.Name}' names tensor {map.TensorIndex}, out of range ({tensorCount} tensors)";
            }
        }

        return null;
    }

    private static string? SubgraphProblem(TfliteModel model, TfliteSubgraph subgraph)
    {
        var tensorCount = subgraph.Tensors.Count;
        for (var t = 0; t < tensorCount; t++)
        {
            var problem = TensorProblem(model, subgraph.Tensors[t]);
            if (problem is not null)
            {
                return $"tensor {t} '{subgraph.Tensors[t].Name}': {problem}";
            }
        }

        var inputs = IndexProblem(subgraph.Inputs, tensorCount, allowOmitted: false);
        if (inputs is not null)
        {
            return $"inputs: {inputs}";
        }

        var outputs = IndexProblem(subgraph.Outputs, tensorCount, allowOmitted: false);
        if (outputs is not null)
        {
            return $"outputs: {outputs}";
        }

        for (var o = 0; o < subgraph.Operators.Count; o++)
        {
            var op = subgraph.Operators[o];
            if (op.OpcodeIndex < 0 || op.OpcodeIndex >= model.OperatorCodes.Count)
            {
                return $"operator {o}: opcode index {op.OpcodeIndex} out of range ({model.OperatorCodes.Count} operator codes)";
            }

            var code = model.OperatorCodes[op.OpcodeIndex].BuiltinCode;
            if (op.Options is not null && op.Options.TypeId != TfliteOptionsTables.ExpectedFor(code))
            {
                return $"operator {o}: {TfliteDump.OperatorName(code)} cannot take {op.Options.TableName}";
            }

            var problem = IndexProblem(op.Inputs, tensorCount, allowOmitted: true) is { } i ? $"inputs: {i}"
                : IndexProblem(op.Outputs, tensorCount, allowOmitted: false) is { } u ? $"outputs: {u}"
                : null;
            if (problem is not null)
            {
                return $"operator {o}: {problem}";
            }
        }

        return null;
    }

    private static string? TensorProblem(TfliteModel model, TfliteTensor tensor)
    {
        if (tensor.Buffer < 0 || tensor.Buffer >= model.Buffers.Count)
        {
            return $"buffer {tensor.Buffer} out of range ({model.Buffers.Count} buffers)";
        }

        if (tensor.Shape.Any(d => d < 0))
        {
            return $"shape {tensor.Shape} has a negative dimension";
        }

        var data = model.Buffers[tensor.Buffer].Data.Count;
        var elementSize = ElementSize(tensor.Type);
        if (data != 0 && elementSize != 0)
        {
            long elements = 1;
            foreach (var d in tensor.Shape)
            {
                elements *= d;
            }

            if (elements * elementSize != data)
            {
                return $"buffer {tensor.Buffer} holds {data} bytes, shape {tensor.Shape} of {tensor.Type} needs {elements * elementSize}";
            }
        }

        return tensor.Quantization is { } q ? QuantizationProblem(tensor, q) : null;
    }

    private static string? QuantizationProblem(TfliteTensor tensor, TfliteQuantization q)
    {
        if (q.ZeroPoint.Count != q.Scale.Count)
        {
            return $"quantization has {q.Scale.Count} scales but {q.ZeroPoint.Count} zero points";
        }

        if (q.IsPerAxis)
        {
            // Converters have written per-axis 1-D biases with the weights' dimension (3) instead of 0, and
            // runtimes accept that (TFLite Micro's person_detect model has it): for rank 1 only the length counts.
            var dimension = q.QuantizedDimension;
            if (tensor.Shape.Count == 1)
            {
                dimension = 0;
            }
            else if (dimension < 0 || dimension >= tensor.Shape.Count)
            {
                return $"quantized dimension {q.QuantizedDimension} is not an axis of shape {tensor.Shape}";
            }

            if (tensor.Shape.Count == 0 || tensor.Shape[dimension] != q.Scale.Count)
            {
                return $"{q.Scale.Count} scales for dimension {q.QuantizedDimension} of shape {tensor.Shape}";
            }
        }

        return null;
    }

    private static string? IndexProblem(StructuralList<int> indices, int tensorCount, bool allowOmitted)
    {
        foreach (var index in indices)
        {
            var omitted = allowOmitted && index == -1;
            if (!omitted && (index < 0 || index >= tensorCount))
            {
                return $"tensor index {index} out of range ({tensorCount} tensors)";
            }
        }

        return null;
    }

    private static int ElementSize(TfliteTensorType type) => type switch
    {
        TfliteTensorType.Float32 or TfliteTensorType.Int32 => 4,
        TfliteTensorType.Float16 or TfliteTensorType.Int16 => 2,
        TfliteTensorType.Int8 or TfliteTensorType.UInt8 or TfliteTensorType.Bool => 1,
        TfliteTensorType.Int64 or TfliteTensorType.Float64 => 8,
        _ => 0,
    };
}
