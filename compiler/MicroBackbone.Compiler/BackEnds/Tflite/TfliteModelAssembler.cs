using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// Collects the tensors, buffers, operator codes and operators of one exported subgraph. IR tensors become TFLite
/// tensors on first use (so unused IR tensors are left out); constants with identical bytes share one buffer, and
/// buffer 0 stays the empty sentinel.
/// </summary>
internal sealed class TfliteModelAssembler
{
    private readonly IrGraph _graph;
    private readonly List<TfliteTensor> _tensors = new();
    private readonly List<TfliteBuffer> _buffers = new() { TfliteBuffer.Empty };
    private readonly Dictionary<string, int> _bufferByContent = new(StringComparer.Ordinal);
    private readonly List<TfliteOperatorCode> _codes = new();
    private readonly List<TfliteOperator> _operators = new();
    private readonly Dictionary<int, int> _tensorOf = new();

    public TfliteModelAssembler(IrGraph graph)
    {
        _graph = graph;
    }

    public IReadOnlyList<TfliteOperatorCode> Codes => _codes;

    /// <summary>The TFLite tensor of IR tensor <paramref name="irId"/>, created on first use.</summary>
    /// <param name="irId">The IR tensor id.</param>
    /// <param name="quantization">Replaces the IR tensor's own quantization (e.g. the bias scales TFLite needs).</param>
    public int Tensor(int irId, TfliteQuantization? quantization = null)
    {
        if (_tensorOf.TryGetValue(irId, out var index))
        {
            return index;
        }

        var t = _graph.Tensor(irId);
        var q = quantization ?? Quantization(t.Quant);
        if (!t.IsConstant && t.Quant is { IsPerChannel: true })
        {
            throw new TfliteConversionException(
                $"graph '{_graph.Name}': activation {t.Describe()} has per-channel quantization; TFLite requires per-tensor quantization for activations");
        }

        var buffer = t.Data is { } data ? Buffer(data.AsSpan().ToArray()) : 0;
        index = Add(new TfliteTensor(t.Name, TypeOf(t.DataType), StructuralList.From(t.Shape), buffer, q));
        _tensorOf[irId] = index;
        return index;
    }

    /// <summary>A new constant tensor (shape, weights, axes) that has no IR counterpart.</summary>
    public int Constant(string name, TfliteTensorType type, int[] shape, byte[] data, TfliteQuantization? quantization = null) =>
        Add(new TfliteTensor(name, type, shape, Buffer(data), quantization));

    /// <summary>A new int32 constant (shapes, paddings, axes).</summary>
    public int ConstantInt32(string name, int[] shape, int[] values) =>
        Constant(name, TfliteTensorType.Int32, shape, values.SelectMany(LittleEndian).ToArray());

    /// <summary>A new intermediate activation tensor that has no IR counterpart.</summary>
    public int Activation(string name, TfliteTensorType type, int[] shape, TfliteQuantization? quantization) =>
        Add(new TfliteTensor(name, type, shape, 0, quantization));

    /// <summary>Appends an operator, adding its operator code (builtin, version) on first use.</summary>
    public void Operator(TfliteBuiltinOperator op, int version, int[] inputs, int[] outputs, TfliteBuiltinOptions? options = null)
    {
        var code = new TfliteOperatorCode(op, version);
        var codeIndex = _codes.IndexOf(code);
        if (codeIndex < 0)
        {
            _codes.Add(code);
            codeIndex = _codes.Count - 1;
        }

        _operators.Add(new TfliteOperator(codeIndex, inputs, outputs, options));
    }

    /// <summary>The assembled model (one subgraph) with the given inputs and outputs.</summary>
    public TfliteModel Build(string description, IReadOnlyList<int> inputs, IReadOnlyList<int> outputs)
    {
        var subgraph = new TfliteSubgraph(
            _graph.Name,
            StructuralList.From(_tensors),
            StructuralList.From(inputs),
            StructuralList.From(outputs),
            StructuralList.From(_operators));
        return new TfliteModel(
            TfliteModel.SchemaVersion,
            description,
            StructuralList.From(_codes),
            [subgraph],
            StructuralList.From(_buffers),
            StructuralList<TfliteMetadata>.Empty);
    }

    /// <summary>The TFLite tensor type of an IR type.</summary>
    public static TfliteTensorType TypeOf(IrDataType type) => type switch
    {
        IrDataType.Int8 => TfliteTensorType.Int8,
        IrDataType.UInt8 => TfliteTensorType.UInt8,
        IrDataType.Int32 => TfliteTensorType.Int32,
        IrDataType.Float32 => TfliteTensorType.Float32,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown IR data type"),
    };

    /// <summary>TFLite quantization for IR parameters (null stays null).</summary>
    public static TfliteQuantization? Quantization(QuantParams? q) => q switch
    {
        null => null,
        { IsPerChannel: false } => TfliteQuantization.PerTensor(q.Scales[0], q.ZeroPoints[0]),
        _ => TfliteQuantization.PerAxis(StructuralList.From(q.Scales), StructuralList.From(q.ZeroPoints.Select(z => (long)z)), q.Axis),
    };

    private static byte[] LittleEndian(int value)
    {
        var bytes = BitConverter.GetBytes(value);
        if (!BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return bytes;
    }

    private int Buffer(byte[] data)
    {
        // Identical constants (e.g. zero biases, repeated shape tensors) share one buffer, as converters do.
        var key = Convert.ToBase64String(data);
        if (_bufferByContent.TryGetValue(key, out var index))
        {
            return index;
        }

        _buffers.Add(new TfliteBuffer(data));
        _bufferByContent[key] = _buffers.Count - 1;
        return _buffers.Count - 1;
    }

    private int Add(TfliteTensor tensor)
    {
        _tensors.Add(tensor);
        return _tensors.Count - 1;
    }
}
