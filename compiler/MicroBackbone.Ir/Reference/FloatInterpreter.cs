using MicroBackbone.Ir.Reference.Float;

namespace MicroBackbone.Ir.Reference;

/// <summary>
/// Runs a float32 IR graph with plain loops, as the numerical reference every back end is compared against. All
/// tensors are allocated once by the constructor, so repeated <see cref="Run"/> calls allocate nothing. Not thread
/// safe: use one instance per thread.
/// </summary>
public sealed class FloatInterpreter
{
    private readonly FloatTensorBuffers _buffers;
    private readonly FloatKernel[] _kernels;
    private readonly IrTensor[] _inputTensors;
    private readonly float[][] _outputs;

    /// <summary>
    /// Validates <paramref name="graph"/> and prepares its kernels. Throws <see cref="IrValidationException"/> for a
    /// malformed graph and <see cref="ReferenceInterpreterException"/> for one that is not all float32 or holds an
    /// operator without a float kernel (Quantize, Dequantize).
    /// </summary>
    /// <param name="graph">A float32 graph (activations NHWC).</param>
    public FloatInterpreter(IrGraph graph)
    {
        GraphValidator.Validate(graph);
        Graph = graph;
        _buffers = new FloatTensorBuffers(graph);
        _kernels = new FloatKernel[graph.Operators.Count];
        for (var i = 0; i < _kernels.Length; i++)
        {
            _kernels[i] = FloatKernelFactory.Create(graph, i, _buffers);
        }

        _inputTensors = graph.Inputs.Select(graph.Tensor).ToArray();
        _outputs = graph.Outputs.Select(_buffers.Get).ToArray();
    }

    /// <summary>The graph this interpreter runs.</summary>
    public IrGraph Graph { get; }

    /// <summary>Returns every state tensor (e.g. an SVDF's) to 0, as before the first run; state otherwise carries over between runs.</summary>
    public void Reset()
    {
        foreach (var tensor in Graph.Tensors.Where(t => t.IsState))
        {
            Array.Clear(_buffers.Get(tensor.Id), 0, (int)tensor.ElementCount);
        }
    }

    /// <summary>
    /// Runs the graph once. <paramref name="inputs"/> holds one NHWC row-major array per graph input, in
    /// <see cref="IrGraph.Inputs"/> order, each exactly the input's element count long.
    /// </summary>
    /// <param name="inputs">Input values (copied in; the arrays are not kept).</param>
    /// <param name="observer">Optional: sees every input and operator output (see <see cref="ITensorObserver"/>).</param>
    /// <returns>
    /// One array per graph output, in <see cref="IrGraph.Outputs"/> order. They are the interpreter's own buffers:
    /// the next run overwrites them, so copy what you keep.
    /// </returns>
    public IReadOnlyList<float[]> Run(IReadOnlyList<float[]> inputs, ITensorObserver? observer = null)
    {
        if (inputs.Count != _inputTensors.Length)
        {
            throw new ReferenceInterpreterException($"graph '{Graph.Name}' has {_inputTensors.Length} inputs, got {inputs.Count} arrays");
        }

        for (var i = 0; i < _inputTensors.Length; i++)
        {
            var tensor = _inputTensors[i];
            var target = _buffers.Get(tensor.Id);
            if (inputs[i].Length != target.Length)
            {
                throw new ReferenceInterpreterException(
                    $"graph '{Graph.Name}': input {i} {tensor.Describe()} needs {target.Length} values, got {inputs[i].Length}");
            }

            Array.Copy(inputs[i], target, target.Length);
            observer?.Observe(tensor, target);
        }

        foreach (var kernel in _kernels)
        {
            kernel.Run();
            observer?.Observe(kernel.Output, kernel.OutputValues);
        }

        return _outputs;
    }

    /// <summary>
    /// The values a tensor holds after the last <see cref="Run"/> (constants always hold their data). Valid until the
    /// next run. Throws <see cref="KeyNotFoundException"/> for an unknown id.
    /// </summary>
    /// <param name="tensorId">Any tensor id of the graph.</param>
    public ReadOnlySpan<float> Values(int tensorId) => _buffers.Get(tensorId);
}
