using System.Text;
using System.Buffers.Binary;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// Imports a TFLite model (schema v3, subgraph 0) into an IR graph. Meant for converter-made int8 models and for
/// the files <see cref="TfliteExporter"/> writes: CONV_2D, DEPTHWISE_CONV_2D (depth multiplier 1),
/// FULLY_CONNECTED, AVERAGE_POOL_2D, MAX_POOL_2D, ADD, MUL, RESHAPE, SOFTMAX, PAD, MEAN over H and W,
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

    /// <summary>Imports a model already read with <see cref="TfliteReader"/>.</summary>
    public static IrGraph Import(TfliteModel model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Subgraphs.Count == 0)
        {
            throw new TfliteConversionException($"{source}: the model has no subgraph");
        }

        var subgraph = model.Subgraphs[0];
        var state = new TfliteImportState(model, subgraph, source);
        var inputs = subgraph.Inputs.Select(state.Tensor).ToList();
        for (var i = 0; i < subgraph.Operators.Count; i++)
        {
            TfliteOperatorImport.Import(state, i);
        }

        var outputs = subgraph.Outputs.Select(state.Tensor).ToList();
        var name = subgraph.Name.Length > 0 ? subgraph.Name : Path.GetFileNameWithoutExtension(source);
        var metadata = new Dictionary<string, string> { ["source"] = Path.GetFileName(source) };
        if (model.MinRuntimeVersion() is { } runtime)
        {
            metadata["tflite_min_runtime_version"] = runtime;
        }

        var graph = new IrGraph(name, state.Tensors, state.Operators, inputs, outputs, ClassNames(model), metadata);
        try
        {
            GraphValidator.Validate(graph);
        }
        catch (IrValidationException e)
        {
            throw new TfliteConversionException($"{source}: the imported graph is not valid IR: {e.Message}");
        }

        return graph;
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

/// <summary>The IR tensors and operators built so far, and the TFLite tensors they come from.</summary>
internal sealed class TfliteImportState(TfliteModel model, TfliteSubgraph subgraph, string source)
{
    private readonly Dictionary<int, int> _idOf = new();

    public TfliteModel Model { get; } = model;

    public TfliteSubgraph Subgraph { get; } = subgraph;

    public string Source { get; } = source;

    public List<IrTensor> Tensors { get; } = new();

    public List<IrOperator> Operators { get; } = new();

    /// <summary>The IR id of TFLite tensor <paramref name="index"/>, creating the IR tensor on first use.</summary>
    public int Tensor(int index)
    {
        if (_idOf.TryGetValue(index, out var id))
        {
            return id;
        }

        var t = Subgraph.Tensors[index];
        var type = t.Type switch
        {
            TfliteTensorType.Int8 => IrDataType.Int8,
            TfliteTensorType.UInt8 => IrDataType.UInt8,
            TfliteTensorType.Int32 => IrDataType.Int32,
            TfliteTensorType.Float32 => IrDataType.Float32,
            _ => throw new TfliteConversionException($"{Source}: tensor {index} '{t.Name}' has type {t.Type}, which the IR does not have"),
        };
        if (t.Shape.Count == 0 || t.Shape.Any(d => d < 1))
        {
            throw new TfliteConversionException($"{Source}: tensor {index} '{t.Name}' has shape {t.Shape}; the IR needs static dimensions >= 1");
        }

        var data = Data(index);
        return AddTensor(index, new IrTensor(Tensors.Count, t.Name, new EquatableArray<int>(t.Shape), type, Quant(index), data.Length == 0 ? (EquatableArray<byte>?)null : new EquatableArray<byte>(data)));
    }

    /// <summary>A new IR activation with no TFLite counterpart (e.g. between MEAN and its reshape).</summary>
    public int NewActivation(string name, int[] shape, IrDataType type, QuantParams? quant)
    {
        var id = Tensors.Count;
        Tensors.Add(new IrTensor(id, name, new EquatableArray<int>(shape), type, quant));
        return id;
    }

    /// <summary>The bytes of a tensor's buffer (empty for activations).</summary>
    public byte[] Data(int index)
    {
        var buffer = Subgraph.Tensors[index].Buffer;
        return buffer > 0 && buffer < Model.Buffers.Count ? Model.Buffers[buffer].Data.ToArray() : Array.Empty<byte>();
    }

    /// <summary>The int32 elements of a constant int32 (or int64) parameter tensor such as axes, paddings or shapes.</summary>
    public int[] IntParameter(int index, string role, int opIndex, string opName)
    {
        var t = Subgraph.Tensors[index];
        var bytes = Data(index);
        if (bytes.Length == 0)
        {
            throw new TfliteConversionException($"{Source}: operator #{opIndex} {opName}: {role} (tensor {index} '{t.Name}') must be a constant");
        }

        return t.Type switch
        {
            TfliteTensorType.Int32 => Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4))).ToArray(),
            TfliteTensorType.Int64 => Enumerable.Range(0, bytes.Length / 8).Select(i => checked((int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8)))).ToArray(),
            _ => throw new TfliteConversionException($"{Source}: operator #{opIndex} {opName}: {role} (tensor {index} '{t.Name}') must be int32 or int64, not {t.Type}"),
        };
    }

    /// <summary>IR quantization of a TFLite tensor; null when it has none (or only min/max).</summary>
    public QuantParams? Quant(int index)
    {
        var q = Subgraph.Tensors[index].Quantization;
        if (q is null || q.Scale.Count == 0)
        {
            return null;
        }

        var zeroPoints = q.ZeroPoint.Count == q.Scale.Count ? q.ZeroPoint.Select(z => checked((int)z)).ToArray() : new int[q.Scale.Count];
        return q.Scale.Count == 1
            ? QuantParams.PerTensor(q.Scale[0], zeroPoints[0])
            : QuantParams.PerChannel(q.Scale.ToArray(), zeroPoints, q.QuantizedDimension);
    }

    /// <summary>Maps a TFLite tensor to an IR tensor created by the caller (used for the graph's own tensors).</summary>
    private int AddTensor(int index, IrTensor tensor)
    {
        Tensors.Add(tensor);
        _idOf[index] = tensor.Id;
        return tensor.Id;
    }
}
