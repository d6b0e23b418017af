using System.Runtime.InteropServices;

namespace MicroBackbone.Ir;

/// <summary>
/// Builds graphs compactly for front ends and tests: declare inputs and constants, add operators (output shapes come
/// from <see cref="ShapeInference"/>), mark outputs, then <see cref="Build"/> (which validates). Ids are assigned
/// 0, 1, 2... in declaration order.
/// </summary>
/// <param name="name">The graph's name.</param>
public sealed class IrGraphBuilder(string name)
{
    private readonly List<IrTensor> _tensors = new();
    private readonly List<IrOperator> _operators = new();
    private readonly List<int> _inputs = new();
    private readonly List<int> _outputs = new();
    private readonly List<string> _classNames = new();
    private readonly SortedDictionary<string, string> _metadata = new(StringComparer.Ordinal);

    /// <summary>The tensor declared with <paramref name="id"/> so far.</summary>
    public IrTensor Tensor(int id) => _tensors[id];

    /// <summary>Declares a graph input activation and returns its id.</summary>
    public int Input(string tensorName, int[] shape, IrDataType type = IrDataType.Float32, QuantParams? quant = null)
    {
        var id = Activation(tensorName, shape, type, quant);
        _inputs.Add(id);
        return id;
    }

    /// <summary>Declares an activation tensor without a producer yet (for hand-written operators via <see cref="AddOperator"/>).</summary>
    public int Activation(string tensorName, int[] shape, IrDataType type = IrDataType.Float32, QuantParams? quant = null) =>
        Add(new IrTensor(_tensors.Count, tensorName, new EquatableArray<int>(shape), type, quant));

    /// <summary>Declares a constant from raw little-endian bytes and returns its id.</summary>
    public int Constant(string tensorName, int[] shape, IrDataType type, byte[] data, QuantParams? quant = null) =>
        Add(new IrTensor(_tensors.Count, tensorName, new EquatableArray<int>(shape), type, quant, new EquatableArray<byte>(data)));

    /// <summary>Declares an int8 constant (weights).</summary>
    public int ConstantInt8(string tensorName, int[] shape, sbyte[] values, QuantParams quant) =>
        Constant(tensorName, shape, IrDataType.Int8, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), quant);

    /// <summary>Declares an int32 constant (quantized biases), stored little-endian.</summary>
    public int ConstantInt32(string tensorName, int[] shape, int[] values, QuantParams? quant = null) =>
        Constant(tensorName, shape, IrDataType.Int32, LittleEndian(values.Select(v => BitConverter.GetBytes(v))), quant);

    /// <summary>Declares a state tensor (no data; starts at, and resets to, its reset value) for a stateful operator.</summary>
    public int State(string tensorName, int[] shape, IrDataType type, QuantParams? quant = null) =>
        Add(new IrTensor(_tensors.Count, tensorName, new EquatableArray<int>(shape), type, quant, IsState: true));

    /// <summary>Declares an int16 constant (SVDF time weights), stored little-endian.</summary>
    public int ConstantInt16(string tensorName, int[] shape, short[] values, QuantParams? quant = null) =>
        Constant(tensorName, shape, IrDataType.Int16, LittleEndian(values.Select(v => BitConverter.GetBytes(v))), quant);

    /// <summary>
    /// Adds an SVDF step with a new state tensor of shape [batch, filters x memory] (int16 for an int8 input, quantized
    /// with <paramref name="stateQuant"/>); returns the output id.
    /// </summary>
    public int Svdf(int x, int weightsFeature, int weightsTime, int? bias, SvdfAttributes attributes, QuantParams? stateQuant = null, string? opName = null, QuantParams? outputQuant = null)
    {
        var input = _tensors[x];
        var feature = _tensors[weightsFeature];
        var time = _tensors[weightsTime];
        var stateType = input.DataType == IrDataType.Float32 ? IrDataType.Float32 : IrDataType.Int16;
        var state = State($"{opName ?? $"svdf_{_operators.Count}"}_state", [input.Shape[0], feature.Shape[0] * time.Shape[1]], stateType, stateQuant);
        int[] inputs = bias is int b ? [x, weightsFeature, weightsTime, state, b] : [x, weightsFeature, weightsTime, state];
        return Op(IrOpKind.Svdf, inputs, attributes, opName, outputQuant);
    }

    /// <summary>Declares a float32 constant, stored little-endian.</summary>
    public int ConstantFloat(string tensorName, int[] shape, float[] values) =>
        Constant(tensorName, shape, IrDataType.Float32, LittleEndian(values.Select(v => BitConverter.GetBytes(v))));

    /// <summary>
    /// Adds an operator with a new output tensor whose shape is inferred; returns the output id. The output type is
    /// the first input's (float32 for Dequantize) unless given; ops that keep the value scale (Reshape, MaxPool2D,
    /// Pad, Shift, Relu, Relu6, Maximum, Minimum, the resizes) inherit the input's quantization when <paramref name="outputQuant"/> is null.
    /// </summary>
    public int Op(
        IrOpKind kind,
        int[] inputs,
        IrAttributes? attributes = null,
        string? opName = null,
        QuantParams? outputQuant = null,
        IrDataType? outputType = null)
    {
        var index = _operators.Count;
        opName ??= $"{kind.ToString().ToLowerInvariant()}_{index}";
        var outputId = _tensors.Count;
        var op = new IrOperator(kind, opName, new EquatableArray<int>(inputs), EquatableArray.Of(outputId), attributes);
        var inputTensors = inputs.Select(i => i >= 0 && i < _tensors.Count
            ? _tensors[i]
            : throw IrValidationException.ForOperator(index, op, $"input refers to unknown tensor id #{i}")).ToList();
        var shape = ShapeInference.InferOutputShape(op, inputTensors, index);
        var first = inputTensors[0];
        var type = outputType ?? (kind == IrOpKind.Dequantize ? IrDataType.Float32 : first.DataType);
        var keepsScale = kind is IrOpKind.Reshape or IrOpKind.MaxPool2D or IrOpKind.Pad or IrOpKind.Shift or IrOpKind.Relu or IrOpKind.Relu6
            or IrOpKind.Maximum or IrOpKind.Minimum or IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear
            || LayoutTypeRules.MovesValues(kind);
        var quant = outputQuant ?? (keepsScale && type == first.DataType && first.Quant is { IsPerChannel: false } q ? q : null);
        Add(new IrTensor(outputId, opName, shape, type, quant));
        _operators.Add(op);
        return outputId;
    }

    /// <summary>Conv2D with OHWI weights and an optional bias.</summary>
    public int Conv2D(int x, int weights, int? bias, Conv2DAttributes attributes, string? opName = null, QuantParams? outputQuant = null) =>
        Op(IrOpKind.Conv2D, Operands(x, weights, bias), attributes, opName, outputQuant);

    /// <summary>DepthwiseConv2D with 1HWO weights and an optional bias.</summary>
    public int DepthwiseConv2D(int x, int weights, int? bias, DepthwiseConv2DAttributes attributes, string? opName = null, QuantParams? outputQuant = null) =>
        Op(IrOpKind.DepthwiseConv2D, Operands(x, weights, bias), attributes, opName, outputQuant);

    /// <summary>FullyConnected with [out, in] weights and an optional bias.</summary>
    public int FullyConnected(int x, int weights, int? bias, FusedActivation activation = FusedActivation.None, string? opName = null, QuantParams? outputQuant = null) =>
        Op(IrOpKind.FullyConnected, Operands(x, weights, bias), new FullyConnectedAttributes(activation), opName, outputQuant);

    /// <summary>Elementwise Add.</summary>
    public int Add(int a, int b, FusedActivation activation = FusedActivation.None, string? opName = null, QuantParams? outputQuant = null) =>
        Op(IrOpKind.Add, new[] { a, b }, new ElementwiseAttributes(activation), opName, outputQuant);

    /// <summary>Elementwise Mul.</summary>
    public int Mul(int a, int b, FusedActivation activation = FusedActivation.None, string? opName = null, QuantParams? outputQuant = null) =>
        Op(IrOpKind.Mul, new[] { a, b }, new ElementwiseAttributes(activation), opName, outputQuant);

    /// <summary>Elementwise Sub (a - b).</summary>
    public int Sub(int a, int b, FusedActivation activation = FusedActivation.None, string? opName = null, QuantParams? outputQuant = null) =>
        Op(IrOpKind.Sub, new[] { a, b }, new ElementwiseAttributes(activation), opName, outputQuant);

    /// <summary>An attribute-less one-input op (activations, GlobalAveragePool, Quantize, Dequantize).</summary>
    public int Unary(IrOpKind kind, int x, string? opName = null, QuantParams? outputQuant = null, IrDataType? outputType = null) =>
        Op(kind, new[] { x }, null, opName, outputQuant, outputType);

    /// <summary>Reshape to <paramref name="newShape"/> (one -1 allowed).</summary>
    public int Reshape(int x, int[] newShape, string? opName = null) =>
        Op(IrOpKind.Reshape, new[] { x }, new ReshapeAttributes(new EquatableArray<int>(newShape)), opName);

    /// <summary>Per-channel Shift.</summary>
    public int Shift(int x, IEnumerable<ShiftOffset> offsets, string? opName = null) =>
        Op(IrOpKind.Shift, new[] { x }, new ShiftAttributes(new EquatableArray<ShiftOffset>(offsets)), opName);

    /// <summary>Adds a fully specified operator (its output tensors must already be declared).</summary>
    public IrGraphBuilder AddOperator(IrOperator op)
    {
        _operators.Add(op);
        return this;
    }

    /// <summary>Marks a tensor as a graph output.</summary>
    public IrGraphBuilder Output(int id)
    {
        _outputs.Add(id);
        return this;
    }

    /// <summary>Sets the class labels.</summary>
    public IrGraphBuilder ClassNames(params string[] names)
    {
        _classNames.Clear();
        _classNames.AddRange(names);
        return this;
    }

    /// <summary>Sets one metadata entry.</summary>
    public IrGraphBuilder Metadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    /// <summary>The graph, validated with <see cref="GraphValidator.Validate"/>.</summary>
    public IrGraph Build()
    {
        var graph = BuildUnvalidated();
        GraphValidator.Validate(graph);
        return graph;
    }

    /// <summary>The graph as declared, without validation (for tests of broken graphs).</summary>
    public IrGraph BuildUnvalidated() => new(name, _tensors, _operators, _inputs, _outputs, _classNames, _metadata);

    private static int[] Operands(int x, int w, int? b) => b is int bias ? new[] { x, w, bias } : new[] { x, w };

    private static byte[] LittleEndian(IEnumerable<byte[]> words)
    {
        var bytes = new List<byte>();
        foreach (var word in words)
        {
            if (!BitConverter.IsLittleEndian)
            {
                Array.Reverse(word);
            }

            bytes.AddRange(word);
        }

        return bytes.ToArray();
    }

    private int Add(IrTensor tensor)
    {
        _tensors.Add(tensor);
        return tensor.Id;
    }
}
