using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Reference;
using MicroBackbone.Ir.Reference.Float;

namespace MicroBackbone.Ir.Quantization;

/// <summary>
/// Dynamic int8 quantization, evaluated: convolution and fully connected weights are int8 per output channel (fixed
/// ahead of time), and each such layer's input is quantized per tensor at run time from that input's own min and
/// max, as ONNX Runtime's dynamic quantization does; everything else stays float. The integer products are computed
/// on the dequantized values in float, which equals the int32 accumulation up to float rounding. No calibration.
/// </summary>
public sealed class DynamicInt8Interpreter
{
    private readonly FloatTensorBuffers _buffers;
    private readonly FloatKernel[] _kernels;
    private readonly HashSet<int> _quantizedAfter = new();
    private readonly float[] _input;
    private readonly float[] _output;

    /// <summary>Prepares <paramref name="floatGraph"/> (one input, one output, float32).</summary>
    public DynamicInt8Interpreter(IrGraph floatGraph)
    {
        IrGraph graph = Rewrite(QuantizationPreparation.Run(floatGraph), _quantizedAfter);
        GraphValidator.Validate(graph);
        if (graph.Inputs.Count != 1 || graph.Outputs.Count != 1)
        {
            throw new QuantizationException($"graph '{floatGraph.Name}': dynamic quantization runs graphs with one input and one output");
        }
        _buffers = new FloatTensorBuffers(graph);
        _kernels = Enumerable.Range(0, graph.Operators.Count).Select(i => FloatKernelFactory.Create(graph, i, _buffers)).ToArray();
        _input = _buffers.Get(graph.Inputs[0]);
        _output = _buffers.Get(graph.Outputs[0]);
    }

    /// <summary>One inference on float NHWC input; returns a new array with the float output.</summary>
    public float[] Run(ReadOnlySpan<float> input)
    {
        if (input.Length != _input.Length)
        {
            throw new ReferenceInterpreterException($"dynamic int8: the input needs {_input.Length} values, got {input.Length}");
        }
        input.CopyTo(_input);
        for (int i = 0; i < _kernels.Length; i++)
        {
            _kernels[i].Run();
            if (_quantizedAfter.Contains(i))
            {
                FakeQuantize(_kernels[i].OutputValues);
            }
        }
        return (float[])_output.Clone();
    }

    private static void FakeQuantize(float[] values)
    {
        float min = 0f, max = 0f;
        foreach (float v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        QuantizationParams q = QuantizationMath.ChooseActivationParams(min, max);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = q.Dequantize(q.Quantize(values[i]));
        }
    }

    // Weights become their int8 values dequantized; each conv/FC input is first copied (an identity Reshape) into its
    // own tensor, which Run quantizes in place, so other readers of the original still see float values.
    private static IrGraph Rewrite(IrGraph graph, HashSet<int> quantizedAfter)
    {
        var tensors = graph.Tensors.ToDictionary(t => t.Id);
        var operators = new List<IrOperator>();
        int nextId = graph.Tensors.Max(t => t.Id) + 1;
        foreach (IrOperator op in graph.Operators)
        {
            if (op.Kind is not (IrOpKind.Conv2D or IrOpKind.DepthwiseConv2D or IrOpKind.FullyConnected))
            {
                operators.Add(op);
                continue;
            }
            IrTensor x = tensors[op.Inputs[0]];
            IrTensor copy = x with { Id = nextId++, Name = x.Name + "_dynamic_int8" };
            tensors[copy.Id] = copy;
            quantizedAfter.Add(operators.Count);
            operators.Add(new IrOperator(IrOpKind.Reshape, op.Name + "_input_copy", EquatableArray.Of(x.Id), EquatableArray.Of(copy.Id),
                new ReshapeAttributes(x.Shape)));
            IrTensor w = tensors[op.Inputs[1]];
            bool depthwise = op.Kind == IrOpKind.DepthwiseConv2D;
            int channels = depthwise ? w.Shape[3] : w.Shape[0];
            QuantizedWeights qw = QuantizationMath.QuantizeWeightsPerChannel(w.ReadFloat32(), channels, depthwise);
            int perChannel = qw.Values.Length / channels;
            var dequantized = new float[qw.Values.Length];
            for (int i = 0; i < dequantized.Length; i++)
            {
                dequantized[i] = qw.Values[i] * qw.Scales[depthwise ? i % channels : i / perChannel];
            }
            tensors[w.Id] = w with { Data = new EquatableArray<byte>(dequantized.SelectMany(BitConverter.GetBytes).ToArray()) };
            var inputs = op.Inputs.ToArray();
            inputs[0] = copy.Id;
            operators.Add(op with { Inputs = new EquatableArray<int>(inputs), InPlaceInput = null });
        }
        return graph.With(tensors.Values.OrderBy(t => t.Id), operators);
    }
}
