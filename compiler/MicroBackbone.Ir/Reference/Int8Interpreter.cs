using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Passes;

namespace MicroBackbone.Ir.Reference;

/// <summary>
/// The oracle of the int8 spec: runs an int8 <see cref="IrGraph"/> operator by operator with the reference kernels of
/// <c>MicroBackbone.Ir.Int8</c> (unfused, one buffer per tensor). The C, C# and TFLite back ends must reproduce its
/// output bit for bit. Kernels are prepared and buffers allocated once by the constructor; not thread safe.
/// A graph has any number of inputs and outputs, in the order of <see cref="IrGraph.Inputs"/> and
/// <see cref="IrGraph.Outputs"/>. A float input read by one Quantize and a float output made by one Dequantize are
/// float edges: <see cref="Run(IReadOnlyList{sbyte[]})"/> works on the int8 tensors inside them,
/// <see cref="RunDeclared"/> takes and returns every edge in the type the graph declares.
/// </summary>
public sealed class Int8Interpreter
{
    private readonly Dictionary<int, sbyte[]> _values = new();
    private readonly Int8States _states;
    private readonly List<Action> _steps = new();
    private readonly sbyte[][] _inputs;
    private readonly sbyte[][] _outputs;

    /// <summary>Validates and prepares <paramref name="graph"/>.</summary>
    /// <exception cref="ReferenceInterpreterException">An operator or type the int8 reference does not run.</exception>
    public Int8Interpreter(IrGraph graph)
    {
        GraphValidator.Validate(graph);
        Graph = graph;
        IrGraph g = EdgeQuantization.Strip(graph);
        if (g.Inputs.Count == 0 || g.Outputs.Count == 0)
        {
            throw new ReferenceInterpreterException($"graph '{graph.Name}': the int8 interpreter needs at least one input and one output, has {g.Inputs.Count} and {g.Outputs.Count}");
        }
        Inputs = g.Inputs.Select(g.Tensor).ToList();
        Outputs = g.Outputs.Select(g.Tensor).ToList();
        DeclaredInputs = graph.Inputs.Select(graph.Tensor).ToList();
        DeclaredOutputs = graph.Outputs.Select(graph.Tensor).ToList();
        foreach (IrTensor t in Inputs.Concat(Outputs))
        {
            if (t.DataType != IrDataType.Int8 || t.Quant is not { IsPerChannel: false })
            {
                throw new ReferenceInterpreterException($"graph '{graph.Name}': {t.Describe()} must be int8 with per-tensor quantization (or a float edge through Quantize/Dequantize)");
            }
        }
        InputQuantizations = Inputs.Select(Quant).ToList();
        OutputQuantizations = Outputs.Select(Quant).ToList();
        _states = new Int8States(g);
        foreach (IrTensor t in g.Tensors.Where(t => !t.IsConstant && !t.IsState))
        {
            _values[t.Id] = new sbyte[t.ElementCount];
        }
        _inputs = Inputs.Select(t => _values[t.Id]).ToArray();
        _outputs = Outputs.Select(t => _values[t.Id]).ToArray();
        foreach (IrOperator op in g.Operators)
        {
            _steps.Add(op.Kind.StateOperand() is null ? Int8Steps.Prepare(g, op, _values) : Int8StatefulSteps.Prepare(g, op, _values, _states));
        }
    }

    /// <summary>The graph as given.</summary>
    public IrGraph Graph { get; }

    /// <summary>The int8 tensors <see cref="Run(IReadOnlyList{sbyte[]})"/> reads, in graph input order (after the
    /// input Quantize of a float edge).</summary>
    public IReadOnlyList<IrTensor> Inputs { get; }

    /// <summary>The int8 tensors <see cref="Run(IReadOnlyList{sbyte[]})"/> returns, in graph output order (before the
    /// output Dequantize of a float edge).</summary>
    public IReadOnlyList<IrTensor> Outputs { get; }

    /// <summary>The graph's inputs as it declares them (float32 where the graph quantizes them itself).</summary>
    public IReadOnlyList<IrTensor> DeclaredInputs { get; }

    /// <summary>The graph's outputs as it declares them (float32 where the graph dequantizes them itself).</summary>
    public IReadOnlyList<IrTensor> DeclaredOutputs { get; }

    /// <summary>Quantization of each of <see cref="Inputs"/>.</summary>
    public IReadOnlyList<QuantizationParams> InputQuantizations { get; }

    /// <summary>Quantization of each of <see cref="Outputs"/>.</summary>
    public IReadOnlyList<QuantizationParams> OutputQuantizations { get; }

    /// <summary>The single int8 input (<see cref="Inputs"/>[0]; the graph must have one input).</summary>
    public IrTensor InputTensor => Single(Inputs, "input");

    /// <summary>The single int8 output (<see cref="Outputs"/>[0]; the graph must have one output).</summary>
    public IrTensor OutputTensor => Single(Outputs, "output");

    /// <summary>Quantization of <see cref="InputTensor"/>.</summary>
    public QuantizationParams InputQuantization => Single(InputQuantizations, "input");

    /// <summary>Quantization of <see cref="OutputTensor"/>.</summary>
    public QuantizationParams OutputQuantization => Single(OutputQuantizations, "output");

    /// <summary>
    /// True when the graph has state tensors (e.g. an SVDF's): then each run is one step of a stream and its output
    /// depends on the calls before it, until <see cref="Reset"/>.
    /// </summary>
    public bool HasState => _states.Count > 0;

    /// <summary>Returns every state tensor to its reset value, as before the first call (TFLite Micro's ResetVariableTensors).</summary>
    public void Reset() => _states.Reset();

    /// <summary>
    /// One inference of a graph with one input and one output, on int8 NHWC input; returns a new array. State tensors
    /// carry over between calls.
    /// </summary>
    public sbyte[] Run(ReadOnlySpan<sbyte> input)
    {
        _ = InputTensor;
        _ = OutputTensor;
        return Run(new[] { input.ToArray() })[0];
    }

    /// <summary>One inference: one int8 array per graph input; returns one new int8 array per graph output.</summary>
    public sbyte[][] Run(IReadOnlyList<sbyte[]> inputs)
    {
        if (inputs.Count != _inputs.Length)
        {
            throw new ReferenceInterpreterException($"graph '{Graph.Name}' has {_inputs.Length} input(s), got {inputs.Count}");
        }
        for (int i = 0; i < _inputs.Length; i++)
        {
            if (inputs[i].Length != _inputs[i].Length)
            {
                throw new ReferenceInterpreterException($"graph '{Graph.Name}': input {i} {Inputs[i].Describe()} needs {_inputs[i].Length} values, got {inputs[i].Length}");
            }
            inputs[i].CopyTo(_inputs[i], 0);
        }
        foreach (Action step in _steps)
        {
            step();
        }
        return _outputs.Select(o => (sbyte[])o.Clone()).ToArray();
    }

    /// <summary>Quantizes float NHWC input with the input's parameters, runs, and dequantizes the output (one input
    /// and one output).</summary>
    public float[] RunFloat(ReadOnlySpan<float> input)
    {
        var q = new sbyte[input.Length];
        Quantize.Eval(InputQuantization, input, q);
        sbyte[] y = Run(q);
        var result = new float[y.Length];
        Dequantize.Eval(OutputQuantization, y, result);
        return result;
    }

    /// <summary>
    /// One inference with every edge in the type the graph declares: an <see cref="IrDataType.Int8"/> edge as
    /// <c>sbyte[]</c>, a <see cref="IrDataType.Float32"/> edge as <c>float[]</c>, quantized and dequantized with the
    /// reference Quantize/Dequantize kernels (TFLite Micro's QUANTIZE and DEQUANTIZE).
    /// </summary>
    public Array[] RunDeclared(IReadOnlyList<Array> inputs)
    {
        if (inputs.Count != _inputs.Length)
        {
            throw new ReferenceInterpreterException($"graph '{Graph.Name}' has {_inputs.Length} input(s), got {inputs.Count}");
        }
        var q = new sbyte[inputs.Count][];
        for (int i = 0; i < inputs.Count; i++)
        {
            switch (inputs[i])
            {
                case sbyte[] s when DeclaredInputs[i].DataType == IrDataType.Int8:
                    q[i] = s;
                    break;
                case float[] f when DeclaredInputs[i].DataType == IrDataType.Float32:
                    q[i] = new sbyte[f.Length];
                    Quantize.Eval(InputQuantizations[i], f, q[i]);
                    break;
                default:
                    throw new ReferenceInterpreterException($"graph '{Graph.Name}': input {i} {DeclaredInputs[i].Describe()} takes {DeclaredInputs[i].DataType} values, got {inputs[i].GetType().Name}");
            }
        }
        sbyte[][] y = Run(q);
        var result = new Array[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            if (DeclaredOutputs[i].DataType == IrDataType.Float32)
            {
                var f = new float[y[i].Length];
                Dequantize.Eval(OutputQuantizations[i], y[i], f);
                result[i] = f;
            }
            else
            {
                result[i] = y[i];
            }
        }
        return result;
    }

    private T Single<T>(IReadOnlyList<T> tensors, string role) => tensors.Count == 1
        ? tensors[0]
        : throw new ReferenceInterpreterException($"graph '{Graph.Name}' has {tensors.Count} {role}s; this call runs graphs with one input and one output");

    private static QuantizationParams Quant(IrTensor t) => new(t.Quant!.Scales[0], t.Quant.ZeroPoints[0]);
}
