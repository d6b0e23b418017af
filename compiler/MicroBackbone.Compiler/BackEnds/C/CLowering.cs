using MicroBackbone.Ir;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// The state shared while lowering operators to kernel calls: the planned graph, the constant arrays and layers
/// emitted so far, the kernel families in use, and the running MAC and flash byte counts.
/// </summary>
internal sealed class CLowering(IrGraph graph, MemoryPlan plan)
{
    /// <summary>Kernel families in the order mb_kernels.h defines them (later ones use earlier ones).</summary>
    private static readonly string[] KernelOrder =
    {
        "common", "gemv", "matmul", "dwparams", "conv2d", "conv1x1", "dwconv", "dwconv_inplace", "fc", "bcast", "add", "mul", "shift", "pad", "pool", "avgpool",
        "maxpool", "mean", "lut", "softmax", "copy", "strided", "conv_grouped", "minmax", "prelu", "resize", "svdf",
    };

    private readonly HashSet<string> _kernels = new(StringComparer.Ordinal) { "common" };
    private readonly HashSet<string> _arrayNames = new(StringComparer.Ordinal);

    public IrGraph Graph { get; } = graph;

    public MemoryPlan Plan { get; } = plan;

    /// <summary>The pointwise convolutions that get kernels specialized to their depth.</summary>
    public FixedShapeKernels FixedShapes { get; } = FixedShapeKernels.Choose(graph);

    public List<CArray> Arrays { get; } = new();

    public List<CLayer> Layers { get; } = new();

    /// <summary>The static state buffers of stateful operators (outside the arena; persist between calls).</summary>
    public List<CState> States { get; } = new();

    /// <summary>Multiply-accumulates of one inference (the one convention, <see cref="GraphCost"/>).</summary>
    public long Macs => GraphCost.Of(Graph).Macs;

    public long ConstantBytes { get; private set; }

    /// <summary>int16 elements of the shared patch buffer: the longest dot product (k_h * k_w * in_c, in_c or in_n; 0 if none).</summary>
    public long PatchElements { get; private set; }

    /// <summary>Bytes of the int8 row ring that in-place depthwise convolutions save input rows into (0 if none).</summary>
    public long RowBytes { get; private set; }

    /// <summary>The used kernel families in definition order.</summary>
    public IReadOnlyList<string> Kernels => KernelOrder.Where(_kernels.Contains).ToList();

    /// <summary>The C expression addressing an activation in the arena.</summary>
    public string Pointer(int tensorId) => $"mb_arena + {Plan.OffsetOf(tensorId)}";

    /// <summary>
    /// The C expression for an operand of operator <paramref name="index"/>: its arena address, or for a constant
    /// an int8 array named after the operator and <paramref name="suffix"/>.
    /// </summary>
    public string Operand(int index, IrOperator op, IrTensor tensor, string suffix) => tensor.IsConstant
        ? AddArray(Symbol(index, op), suffix, "int8_t", tensor.ReadInt8().Select(v => (long)v).ToList(), $"'{op.Name}' constant operand '{tensor.Name}'")
        : Pointer(tensor.Id);

    /// <summary>Marks kernel families as used.</summary>
    public void UseKernels(params string[] names)
    {
        foreach (var n in names)
        {
            _kernels.Add(n);
        }
    }

    /// <summary>Makes the shared patch buffer hold at least <paramref name="elements"/> int16 values.</summary>
    public void NeedPatch(long elements) => PatchElements = Math.Max(PatchElements, elements);

    /// <summary>Makes the row ring hold at least <paramref name="bytes"/> bytes.</summary>
    public void NeedRows(long bytes) => RowBytes = Math.Max(RowBytes, bytes);

    /// <summary>Adds a <c>static const</c> array and returns its C name (<c>symbol_suffix</c>).</summary>
    public string AddArray(string symbol, string suffix, string cType, IReadOnlyCollection<long> values, string comment)
    {
        var name = symbol + "_" + suffix;
        if (!_arrayNames.Add(name))
        {
            throw new InvalidOperationException($"array '{name}' emitted twice");
        }

        var elementBytes = cType switch
        {
            "int8_t" => 1,
            "int16_t" => 2,
            _ => 4,
        };
        ConstantBytes += (long)values.Count * elementBytes;
        Arrays.Add(new CArray
        {
            Name = name,
            ElementType = cType,
            Count = values.Count,
            Comment = CIdentifiers.Comment(comment),
            Lines = CLiterals.Lines(values),
        });
        return name;
    }

    /// <summary>Adds the static buffer of state tensor <paramref name="state"/> for layer <paramref name="symbol"/>; returns its C name.</summary>
    public string AddState(string symbol, IrTensor state)
    {
        var name = "mb_state_" + symbol;
        if (!_arrayNames.Add(name))
        {
            throw new InvalidOperationException($"state '{name}' emitted twice");
        }

        if (state.StateResetValue != 0)
        {
            // The buffers are zero-initialized statics, which is the reset value of every state the kernels keep (int16).
            throw new CBackEndException($"C back end: state tensor {state.Describe()} resets to {state.StateResetValue}; only states that reset to 0 are supported");
        }

        States.Add(new CState
        {
            Name = name,
            ElementType = state.DataType == IrDataType.Int16 ? "int16_t" : throw new CBackEndException($"C back end: state tensor {state.Describe()} must be int16"),
            Count = state.ElementCount,
            Bytes = state.ByteSize,
            Comment = CIdentifiers.Comment($"state '{state.Name}' {state.DataType.ToMbirName()}{state.Shape}"),
        });
        return name;
    }

    /// <summary>The symbol of the layer at <paramref name="index"/>: <c>l{index}_{sanitized op name}</c>.</summary>
    public static string Symbol(int index, IrOperator op) => $"l{index}_{CIdentifiers.Identifier(op.Name, "op")}";

    /// <summary>Appends a kernel call <c>function(&amp;symbol, inputs..., output, scratch...)</c> with its parameter struct.</summary>
    public void AddLayer(int index, IrOperator op, string paramsType, string function, IEnumerable<CField> fields, IEnumerable<int> inputIds, params string[] scratch)
    {
        var args = inputIds.Select(Pointer).Append(Pointer(op.Outputs[0])).Concat(scratch).ToList();
        var output = Graph.Tensor(op.Outputs[0]);
        Layers.Add(new CLayer
        {
            Index = index,
            Comment = CIdentifiers.Comment($"{op.Kind} '{op.Name}' -> {output.DataType.ToMbirName()}{output.Shape}"),
            Symbol = Symbol(index, op),
            ParamsType = paramsType,
            Function = function,
            Fields = fields.ToList(),
            Args = args,
        });
    }

    /// <summary>Adds a kernel call whose input arguments are given as C expressions (see <see cref="Operand"/>).</summary>
    public void AddLayer(int index, IrOperator op, string paramsType, string function, IEnumerable<CField> fields, IReadOnlyList<string> inputArgs)
    {
        var output = Graph.Tensor(op.Outputs[0]);
        Layers.Add(new CLayer
        {
            Index = index,
            Comment = CIdentifiers.Comment($"{op.Kind} '{op.Name}' -> {output.DataType.ToMbirName()}{output.Shape}"),
            Symbol = Symbol(index, op),
            ParamsType = paramsType,
            Function = function,
            Fields = fields.ToList(),
            Args = inputArgs.Append(Pointer(op.Outputs[0])).ToList(),
        });
    }

    /// <summary>A field with an integer value.</summary>
    public static CField F(string name, long value) => new(name, CLiterals.Int(value));

    /// <summary>A field with a C expression (array name, nested initializer).</summary>
    public static CField E(string name, string expression) => new(name, expression);
}
