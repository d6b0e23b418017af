using MicroBackbone.CSharpEmitter;
using MicroBackbone.Ir;

namespace MicroBackbone.Runtime.Loader;

/// <summary>
/// An int8 model loaded at run time: the counterpart of a <c>[MicroModel]</c> generated class for a model chosen when
/// the app runs. Loading lowers the graph with the C# back end's own code (the same int8 Prepare integers the
/// generated class holds as literals), makes one kernel call per layer with its arguments fixed (filters packed once)
/// and allocates one arena; after that <see cref="Invoke"/>, <see cref="InvokeFloat"/>, <see cref="Predict"/> and
/// <see cref="Run"/> allocate nothing and compute the same bytes as the generated class. Not thread-safe (one arena):
/// load one per thread. The generated class stays the faster path (constants and shapes known to the JIT).
/// </summary>
public sealed class RuntimeModel
{
    private readonly PlanStep[] _steps;
    private readonly sbyte[] _arena;
    private readonly short[] _state;
    private readonly ModelEdge[] _inputs;
    private readonly ModelEdge[] _outputs;

    private RuntimeModel(IrGraph graph, string source)
    {
        var spec = ModelLowering(graph, source);
        try
        {
            _steps = PlanBuilder.Build(spec);
        }
        catch (ArgumentException e)
        {
            // The kernels' own checks (a filter that does not split into its outputs, ...) on a spec that lowered.
            throw new ModelLoadException(source, $"a layer's constants do not fit its kernel: {e.Message}", e);
        }

        Name = spec.ModelName;
        ClassNames = spec.ClassNames.ToArray();
        Metadata = spec.Metadata.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        ArenaBytes = spec.ArenaBytes;
        _arena = new sbyte[spec.ArenaBytes];
        _state = new short[spec.StateLength];
        var stripped = Ir.Passes.EdgeQuantization.Strip(graph);
        _inputs = spec.Inputs.Select((e, i) => Edge(stripped, stripped.Inputs[i], e)).ToArray();
        _outputs = spec.Outputs.Select((e, i) => Edge(stripped, stripped.Outputs[i], e)).ToArray();
    }

    /// <summary>The graph's name.</summary>
    public string Name { get; }

    /// <summary>Class labels in output index order (empty when the file has none).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The model file's metadata (key, value).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Bytes of the activation arena (allocated once, when the model is loaded).</summary>
    public int ArenaBytes { get; }

    /// <summary>int16 values of operator state kept between calls (SVDF); 0 for stateless models.</summary>
    public int StateLength => _state.Length;

    /// <summary>The inputs, in the model's order.</summary>
    public IReadOnlyList<ModelEdge> Inputs => _inputs;

    /// <summary>The outputs, in the model's order.</summary>
    public IReadOnlyList<ModelEdge> Outputs => _outputs;

    /// <summary>The only input (throws for a model with several).</summary>
    public ModelEdge Input => Single(_inputs, "input");

    /// <summary>The only output (throws for a model with several).</summary>
    public ModelEdge Output => Single(_outputs, "output");

    /// <summary>Reads <paramref name="path"/> (<c>.mbir</c> or <c>.tflite</c>) and plans it.</summary>
    /// <exception cref="ModelLoadException">The file is missing, unreadable, malformed, or uses what the kernels do not cover.</exception>
    public static RuntimeModel Load(string path) => new(ModelFile.Read(path), path);

    /// <summary>Plans a graph already in memory; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ModelLoadException">The graph is invalid or uses what the kernels do not cover.</exception>
    public static RuntimeModel FromGraph(IrGraph graph, string source)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return new RuntimeModel(graph, source);
    }

    /// <summary>The arena slice of input <paramref name="index"/>: write it, then call <see cref="Run"/>.</summary>
    public Span<sbyte> InputBuffer(int index) => _inputs[index].Of(_arena);

    /// <summary>The arena slice of output <paramref name="index"/>, valid after <see cref="Run"/> until the next call.</summary>
    public ReadOnlySpan<sbyte> OutputBuffer(int index) => _outputs[index].Of(_arena);

    /// <summary>Runs every layer on what the input buffers hold (any number of inputs and outputs).</summary>
    public void Run()
    {
        Span<sbyte> arena = _arena;
        Span<short> state = _state;
        foreach (var step in _steps)
        {
            step.Run(arena, state);
        }
    }

    /// <summary>Runs the model on a quantized input and writes the quantized output (one input, one output).</summary>
    public void Invoke(ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        var (i, o) = (Input, Output);
        CheckLength(input.Length, i.Length, nameof(input));
        CheckLength(output.Length, o.Length, nameof(output));
        input.CopyTo(i.Of(_arena));
        Run();
        o.Of(_arena).CopyTo(output);
    }

    /// <summary>Quantizes a float input, runs the model and dequantizes the output (TFLite Micro's QUANTIZE and DEQUANTIZE arithmetic).</summary>
    public void InvokeFloat(ReadOnlySpan<float> input, Span<float> output)
    {
        var (i, o) = (Input, Output);
        CheckLength(input.Length, i.Length, nameof(input));
        CheckLength(output.Length, o.Length, nameof(output));
        Quantize.Run(i.Scale, i.ZeroPoint, input, i.Of(_arena));
        Run();
        Dequantize.Run(o.Scale, o.ZeroPoint, o.Of(_arena), output);
    }

    /// <summary>Runs the model on a float input and returns the index of the largest output (the first on ties).</summary>
    public int Predict(ReadOnlySpan<float> input)
    {
        var (i, o) = (Input, Output);
        CheckLength(input.Length, i.Length, nameof(input));
        Quantize.Run(i.Scale, i.ZeroPoint, input, i.Of(_arena));
        Run();

        // The output scale is positive, so the largest int8 value is the largest real value.
        ReadOnlySpan<sbyte> result = o.Of(_arena);
        var best = 0;
        for (var k = 1; k < result.Length; k++)
        {
            if (result[k] > result[best])
            {
                best = k;
            }
        }

        return best;
    }

    /// <summary>Clears the operator state (SVDF memory), as a fresh model has it.</summary>
    public void Reset() => Array.Clear(_state);

    private static CSharpEmitter.Spec.ModelSpec ModelLowering(IrGraph graph, string source)
    {
        try
        {
            return CSharpEmitter.Lowering.ModelLowering.Lower(graph);
        }
        catch (MicroBackboneException e)
        {
            // IrValidationException (invalid graph), CSharpEmitException (what the kernels do not run), QuantizationException.
            throw new ModelLoadException(source, e.Message, e);
        }
    }

    private static ModelEdge Edge(IrGraph stripped, int tensorId, CSharpEmitter.Spec.EdgeSpec e) =>
        new(stripped.Tensor(tensorId).Name, e.Shape.ToArray(), e.Quant.Scale, e.Quant.ZeroPoint, e.Region.Offset);

    private static ModelEdge Single(ModelEdge[] edges, string role) => edges.Length == 1
        ? edges[0]
        : throw new InvalidOperationException($"the model has {edges.Length} {role}s; use {(role == "input" ? "InputBuffer" : "OutputBuffer")}(index) and Run()");

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} holds {actual} values; the model takes {expected}", name);
        }
    }
}
