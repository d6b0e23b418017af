using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Passes;

namespace MicroBackbone.Ir.Reference;

/// <summary>
/// The oracle of the int8 spec: runs an int8 <see cref="IrGraph"/> operator by operator with the reference kernels of
/// <c>MicroBackbone.Ir.Int8</c> (unfused, one buffer per tensor). The C, C# and TFLite back ends must reproduce its
/// output bit for bit. Kernels are prepared and buffers allocated once by the constructor; not thread safe.
/// A float input read by one Quantize and a float output made by one Dequantize are the graph's float edges:
/// <see cref="Run"/> works on the int8 tensors inside them, <see cref="RunFloat"/> crosses them.
/// </summary>
public sealed class Int8Interpreter
{
    private readonly Dictionary<int, sbyte[]> _values = new();
    private readonly Int8States _states;
    private readonly List<Action> _steps = new();
    private readonly sbyte[] _input;
    private readonly sbyte[] _output;

    /// <summary>Validates and prepares <paramref name="graph"/> (one input, one output).</summary>
    /// <exception cref="ReferenceInterpreterException">An operator or type the int8 reference does not run.</exception>
    public Int8Interpreter(IrGraph graph)
    {
        GraphValidator.Validate(graph);
        Graph = graph;
        IrGraph g = EdgeQuantization.Strip(graph);
        if (g.Inputs.Count != 1 || g.Outputs.Count != 1)
        {
            throw new ReferenceInterpreterException($"graph '{graph.Name}': the int8 interpreter runs graphs with one input and one output");
        }
        InputTensor = g.Tensor(g.Inputs[0]);
        OutputTensor = g.Tensor(g.Outputs[0]);
        foreach (IrTensor t in new[] { InputTensor, OutputTensor })
        {
            if (t.DataType != IrDataType.Int8)
            {
                throw new ReferenceInterpreterException($"graph '{graph.Name}': {t.Describe()} must be int8 (or a float edge through Quantize/Dequantize)");
            }
        }
        InputQuantization = Quant(InputTensor);
        OutputQuantization = Quant(OutputTensor);
        _states = new Int8States(g);
        foreach (IrTensor t in g.Tensors.Where(t => !t.IsConstant && !t.IsState))
        {
            _values[t.Id] = new sbyte[t.ElementCount];
        }
        _input = _values[InputTensor.Id];
        _output = _values[OutputTensor.Id];
        foreach (IrOperator op in g.Operators)
        {
            _steps.Add(op.Kind.StateOperand() is null ? Int8Steps.Prepare(g, op, _values) : Int8StatefulSteps.Prepare(g, op, _values, _states));
        }
    }

    /// <summary>The graph as given.</summary>
    public IrGraph Graph { get; }

    /// <summary>The int8 tensor <see cref="Run"/> reads (after the input Quantize when there is one).</summary>
    public IrTensor InputTensor { get; }

    /// <summary>The int8 tensor <see cref="Run"/> returns (before the output Dequantize when there is one).</summary>
    public IrTensor OutputTensor { get; }

    /// <summary>Quantization of <see cref="InputTensor"/>.</summary>
    public QuantizationParams InputQuantization { get; }

    /// <summary>Quantization of <see cref="OutputTensor"/>.</summary>
    public QuantizationParams OutputQuantization { get; }

    /// <summary>
    /// True when the graph has state tensors (e.g. an SVDF's): then each <see cref="Run"/> is one step of a stream and
    /// its output depends on the calls before it, until <see cref="Reset"/>.
    /// </summary>
    public bool HasState => _states.Count > 0;

    /// <summary>Returns every state tensor to its reset value, as before the first call (TFLite Micro's ResetVariableTensors).</summary>
    public void Reset() => _states.Reset();

    /// <summary>One inference on int8 NHWC input; returns a new array with the int8 output. State tensors carry over between calls.</summary>
    public sbyte[] Run(ReadOnlySpan<sbyte> input)
    {
        if (input.Length != _input.Length)
        {
            throw new ReferenceInterpreterException($"graph '{Graph.Name}': input {InputTensor.Describe()} needs {_input.Length} values, got {input.Length}");
        }
        input.CopyTo(_input);
        foreach (Action step in _steps)
        {
            step();
        }
        return (sbyte[])_output.Clone();
    }

    /// <summary>Quantizes float NHWC input with the input's parameters, runs, and dequantizes the output.</summary>
    public float[] RunFloat(ReadOnlySpan<float> input)
    {
        var q = new sbyte[input.Length];
        Quantize.Eval(InputQuantization, input, q);
        sbyte[] y = Run(q);
        var result = new float[y.Length];
        Dequantize.Eval(OutputQuantization, y, result);
        return result;
    }

    private static QuantizationParams Quant(IrTensor t) => new(t.Quant!.Scales[0], t.Quant.ZeroPoints[0]);
}
