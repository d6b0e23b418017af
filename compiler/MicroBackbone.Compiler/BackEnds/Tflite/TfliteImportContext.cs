using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>The TFLite operator being imported, with shorthands for its tensors, options and errors.</summary>
internal sealed class TfliteImportContext(TfliteImportState state, TfliteOperator op, int index, string name)
{
    public TfliteImportState State { get; } = state;

    public TfliteOperator Op { get; } = op;

    /// <summary>The operator's index in the subgraph.</summary>
    public int Index { get; } = index;

    /// <summary>IR id of input <paramref name="i"/>.</summary>
    public int In(int i) => i < Op.Inputs.Count && Op.Inputs[i] >= 0
        ? State.Tensor(Op.Inputs[i])
        : throw Fail($"input {i} is missing");

    /// <summary>IR id of the output.</summary>
    public int Out() => State.Tensor(Op.Outputs[0]);

    public IrTensor OutputTensor => State.Tensors[Out()];

    public IrTensor InputTensor(int i) => State.Tensors[In(i)];

    public StructuralList<int> InputShape(int i) => i < Op.Inputs.Count && Op.Inputs[i] >= 0
        ? State.Subgraph.Tensors[Op.Inputs[i]].Shape
        : throw Fail($"input {i} is missing");

    public int[] OutputShape() => State.Subgraph.Tensors[Op.Outputs[0]].Shape.ToArray();

    /// <summary>A constant integer parameter input (axes, paddings).</summary>
    public int[] IntInput(int i, string role) => i < Op.Inputs.Count && Op.Inputs[i] >= 0
        ? State.IntParameter(Op.Inputs[i], role, Index, name)
        : throw Fail($"{role} input {i} is missing");

    /// <summary>The options table, which must be of type <typeparamref name="T"/>.</summary>
    public T Options<T>()
        where T : TfliteBuiltinOptions => Op.Options as T ?? throw Fail($"has options {Op.Options?.TableName ?? "none"}, expected {typeof(T).Name.Replace("Tflite", string.Empty)}");

    /// <summary>Input, weights and the bias when present (an omitted optional input is -1).</summary>
    public int[] WeightOperands() => Op.Inputs.Count > 2 && Op.Inputs[2] >= 0
        ? new[] { In(0), In(1), In(2) }
        : new[] { In(0), In(1) };

    /// <summary>Explicit padding for SAME or VALID on the operator's NHWC input.</summary>
    public Padding2D Padding(TflitePadding mode, int kH, int kW, int sH, int sW, int dH, int dW)
    {
        var x = InputShape(0);
        if (x.Count != 4)
        {
            throw Fail($"input has rank {x.Count}, expected an NHWC tensor");
        }

        // Read from the options table as they are: a zero stride would divide by zero in the shapes, for VALID too.
        if (kH < 1 || kW < 1 || sH < 1 || sW < 1 || dH < 1 || dW < 1)
        {
            throw Fail($"has kernel {kH}x{kW}, stride {sH}x{sW} and dilation {dH}x{dW}; expected each at least 1");
        }

        return mode == TflitePadding.Same ? Padding2D.Same(x[1], x[2], kH, kW, sH, sW, dH, dW) : Padding2D.Zero;
    }

    public FusedActivation Activation(TfliteActivation activation) => activation switch
    {
        TfliteActivation.None => FusedActivation.None,
        TfliteActivation.Relu => FusedActivation.Relu,
        TfliteActivation.Relu6 => FusedActivation.Relu6,
        TfliteActivation.ReluN1To1 => FusedActivation.ReluN1To1,
        _ => throw Fail($"fused activation {activation} is not supported"),
    };

    /// <summary>ADD or MUL; both operands must have the output's rank (the IR broadcasts only size-1 dimensions).</summary>
    public void Elementwise(IrOpKind kind, TfliteActivation activation)
    {
        var rank = OutputShape().Length;
        if (InputShape(0).Count != rank || InputShape(1).Count != rank)
        {
            throw Fail($"broadcasts operands of rank {InputShape(0).Count} and {InputShape(1).Count} to rank {rank}; the IR needs equal ranks");
        }

        Add(kind, new[] { In(0), In(1) }, new ElementwiseAttributes(Activation(activation)));
    }

    /// <summary>Appends an IR operator writing TFLite tensor <paramref name="output"/> (named after it).</summary>
    public void Add(IrOpKind kind, int[] inputs, int output, IrAttributes? attributes = null)
    {
        var id = State.Tensor(output);
        State.Operators.Add(new IrOperator(kind, State.Tensors[id].Name, new EquatableArray<int>(inputs), EquatableArray.Of(id), attributes));
    }

    /// <summary>Appends an IR operator writing this operator's output; it is named after that tensor.</summary>
    public void Add(IrOpKind kind, int[] inputs, IrAttributes? attributes = null) =>
        State.Operators.Add(new IrOperator(kind, OutputTensor.Name, new EquatableArray<int>(inputs), EquatableArray.Of(Out()), attributes));

    public TfliteConversionException Fail(string what) => new($"{State.Source}: operator #{Index} {name} {what}");
}
