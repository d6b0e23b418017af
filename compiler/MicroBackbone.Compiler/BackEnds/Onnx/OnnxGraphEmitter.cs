using System.Buffers.Binary;
using Google.Protobuf;
using MicroBackbone.Ir;
using Onnx;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// Accumulates the ONNX graph while operators are lowered: hands out unique value and node names, maps IR tensor
/// ids to ONNX value names and writes initializers (constants in ONNX layout, shared scalar constants).
/// </summary>
internal sealed class OnnxGraphEmitter
{
    private readonly OnnxNameTable _values = new();
    private readonly OnnxNameTable _nodes = new();
    private readonly Dictionary<int, string> _tensorNames = new();
    private readonly Dictionary<string, string> _sharedConstants = new(StringComparer.Ordinal);

    public OnnxGraphEmitter(IrGraph source)
    {
        Source = source;
        Graph = new GraphProto { Name = OnnxNameTable.Sanitize(source.Name) };
        foreach (var id in source.Inputs)
        {
            _tensorNames[id] = _values.Claim(source.Tensor(id).Name);
        }
    }

    public IrGraph Source { get; }

    public GraphProto Graph { get; }

    /// <summary>
    /// The ONNX value holding IR tensor <paramref name="tensorId"/> as an operand: a graph input, an already
    /// produced output, or a constant written as an initializer in ONNX layout (NCHW for rank 4).
    /// </summary>
    public string Operand(int tensorId)
    {
        if (_tensorNames.TryGetValue(tensorId, out var name))
        {
            return name;
        }

        var tensor = Source.Tensor(tensorId);
        if (!tensor.IsConstant)
        {
            throw new InvalidOperationException($"tensor {tensor.Describe()} is read before it is produced");
        }

        var data = tensor.ReadFloat32();
        var shape = tensor.Shape.ToArray();
        if (shape.Length == 4)
        {
            (data, shape) = OnnxTensorLayout.Permute(data, shape, new[] { 0, 3, 1, 2 });
        }

        name = FloatInitializer(tensor.Name, data, shape);
        _tensorNames[tensorId] = name;
        return name;
    }

    /// <summary>Claims the ONNX name of the value an operator produces for IR tensor <paramref name="tensorId"/>.</summary>
    public string Produce(int tensorId)
    {
        var name = _values.Claim(Source.Tensor(tensorId).Name);
        _tensorNames[tensorId] = name;
        return name;
    }

    /// <summary>A fresh name for an intermediate value.</summary>
    public string Temporary(string hint) => _values.Claim(hint);

    /// <summary>Appends a node; its name is made unique from <paramref name="nodeHint"/>.</summary>
    public void Node(string opType, string nodeHint, IEnumerable<string> inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = _nodes.Claim(nodeHint) };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
    }

    /// <summary>Writes a float32 initializer (little-endian raw data) and returns its name.</summary>
    public string FloatInitializer(string hint, float[] data, IReadOnlyList<int> shape)
    {
        var bytes = new byte[data.Length * 4];
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), data[i]);
        }

        var tensor = new TensorProto { Name = _values.Claim(hint), DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(shape.Select(d => (long)d));
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Writes an int8 initializer (quantized weights) and returns its name.</summary>
    public string Int8Initializer(string hint, sbyte[] data, IReadOnlyList<int> shape) =>
        RawInitializer(hint, TensorProto.Types.DataType.Int8, data.Select(v => (byte)v).ToArray(), shape);

    /// <summary>Writes a uint8 initializer (quantized activation constants, zero points) and returns its name.</summary>
    public string UInt8Initializer(string hint, byte[] data, IReadOnlyList<int> shape) =>
        RawInitializer(hint, TensorProto.Types.DataType.Uint8, data, shape);

    /// <summary>Writes an int32 initializer (quantized biases and their zero points) and returns its name.</summary>
    public string Int32Initializer(string hint, int[] data, IReadOnlyList<int> shape)
    {
        var bytes = new byte[data.Length * 4];
        for (var i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), data[i]);
        }

        return RawInitializer(hint, TensorProto.Types.DataType.Int32, bytes, shape);
    }

    /// <summary>Writes a 1-D int64 initializer (shapes, pads, slice bounds) and returns its name.</summary>
    public string Int64Initializer(string hint, params long[] values)
    {
        var tensor = new TensorProto { Name = _values.Claim(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Writes an initializer of <paramref name="type"/> from little-endian element bytes.</summary>
    private string RawInitializer(string hint, TensorProto.Types.DataType type, byte[] bytes, IReadOnlyList<int> shape)
    {
        var tensor = new TensorProto { Name = _values.Claim(hint), DataType = (int)type, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.AddRange(shape.Select(d => (long)d));
        Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float scalar initializer, written once per distinct value (Clip bounds, softmax beta).</summary>
    public string ScalarFloat(float value)
    {
        var key = BitConverter.SingleToInt32Bits(value).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        if (!_sharedConstants.TryGetValue(key, out var name))
        {
            var tensor = new TensorProto { Name = _values.Claim("const_" + key), DataType = (int)TensorProto.Types.DataType.Float };
            tensor.FloatData.Add(value);
            Graph.Initializer.Add(tensor);
            _sharedConstants[key] = name = tensor.Name;
        }

        return name;
    }

    /// <summary>The graph input or output declaration of IR tensor <paramref name="tensorId"/> (float, ONNX layout).</summary>
    public ValueInfoProto ValueInfo(int tensorId)
    {
        var shape = new TensorShapeProto();
        foreach (var d in OnnxTensorLayout.OnnxShape(Source.Tensor(tensorId).Shape.ToArray()))
        {
            shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } };
        return new ValueInfoProto { Name = Operand(tensorId), Type = type };
    }
}
