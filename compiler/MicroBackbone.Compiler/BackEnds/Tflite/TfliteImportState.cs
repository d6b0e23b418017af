using System.Buffers.Binary;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>The IR tensors and operators built so far, and the TFLite tensors they come from.</summary>
internal sealed class TfliteImportState(TfliteModel model, TfliteSubgraph subgraph, string source)
{
    private readonly Dictionary<int, int> _idOf = new();

    public TfliteModel Model { get; } = model;

    public TfliteSubgraph Subgraph { get; } = subgraph;

    public string Source { get; } = source;

    /// <summary>Turn the exporter's depthwise Shift and HardSigmoid forms back into those operators.</summary>
    public bool RestorePatterns { get; init; } = true;

    public List<IrTensor> Tensors { get; } = new();

    public List<IrOperator> Operators { get; } = new();

    /// <summary>Indices of TFLite operators already imported as part of an earlier one's pattern.</summary>
    public HashSet<int> Absorbed { get; } = new();

    /// <summary>How many operators read TFLite tensor <paramref name="index"/>, counting a graph output as one.</summary>
    public int Readers(int index) =>
        Subgraph.Operators.Count(o => o.Inputs.Contains(index)) + (Subgraph.Outputs.Contains(index) ? 1 : 0);

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
            TfliteTensorType.Int16 => IrDataType.Int16,
            _ => throw new TfliteConversionException($"{Source}: tensor {index} '{t.Name}' has type {t.Type}, which the IR does not have"),
        };
        if (t.Shape.Count == 0 || t.Shape.Any(d => d < 1))
        {
            throw new TfliteConversionException($"{Source}: tensor {index} '{t.Name}' has shape {t.Shape}; the IR needs static dimensions >= 1");
        }

        // A variable tensor (an SVDF's activation state) becomes a state tensor: TFLite Micro resets it before the first
        // call, so any bytes the file gives it are never read.
        var data = t.IsVariable ? Array.Empty<byte>() : Data(index);
        return AddTensor(index, new IrTensor(Tensors.Count, t.Name, new EquatableArray<int>(t.Shape), type, Quant(index),
            data.Length == 0 ? (EquatableArray<byte>?)null : new EquatableArray<byte>(data), t.IsVariable));
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
            TfliteTensorType.Int64 => Enumerable.Range(0, bytes.Length / 8).Select(i => Int32Value(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8)), opIndex, opName, role, index)).ToArray(),
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

        var t = Subgraph.Tensors[index];
        if (q.ZeroPoint.Count != 0 && q.ZeroPoint.Count != q.Scale.Count)
        {
            throw new TfliteConversionException(
                $"{Source}: tensor {index} '{t.Name}' has {q.Scale.Count} scales but {q.ZeroPoint.Count} zero points; expected one zero point per scale");
        }
        (long low, long high) = t.Type switch
        {
            TfliteTensorType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
            TfliteTensorType.UInt8 => (byte.MinValue, byte.MaxValue),
            TfliteTensorType.Int16 => (short.MinValue, short.MaxValue),
            _ => ((long)int.MinValue, (long)int.MaxValue),
        };
        var zeroPoints = new int[q.Scale.Count];
        for (int i = 0; i < q.ZeroPoint.Count; i++)
        {
            long z = q.ZeroPoint[i];
            if (z < low || z > high)
            {
                throw new TfliteConversionException(
                    $"{Source}: tensor {index} '{t.Name}' has zero point {z}; a {t.Type} tensor needs one from {low} to {high}");
            }
            zeroPoints[i] = (int)z;
        }
        // Converters copy the filter's quantized_dimension onto rank-1 biases (person_detect's depthwise bias says 3);
        // a rank-1 tensor has only axis 0, which is what TFLite Micro reads, so that is the axis it gets here.
        int axis = t.Shape.Count == 1 ? 0 : q.QuantizedDimension;
        return q.Scale.Count == 1
            ? QuantParams.PerTensor(q.Scale[0], zeroPoints[0])
            : QuantParams.PerChannel(q.Scale.ToArray(), zeroPoints, axis);
    }

    private int Int32Value(long value, int opIndex, string opName, string role, int index)
    {
        if (value < int.MinValue || value > int.MaxValue)
        {
            throw new TfliteConversionException(
                $"{Source}: operator #{opIndex} {opName}: {role} (tensor {index}) holds {value}, which does not fit in 32 bits");
        }
        return (int)value;
    }

    /// <summary>Maps a TFLite tensor to an IR tensor created by the caller (used for the graph's own tensors).</summary>
    private int AddTensor(int index, IrTensor tensor)
    {
        Tensors.Add(tensor);
        _idOf[index] = tensor.Id;
        return tensor.Id;
    }
}
