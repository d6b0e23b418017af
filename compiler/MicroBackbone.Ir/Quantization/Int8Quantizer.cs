using System.Runtime.InteropServices;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Quantization;

/// <summary>
/// Static int8 quantization of a float graph under calibrated ranges, following docs/INT8.md: ReLU/ReLU6 fused into
/// their producers; weights int8 symmetric per output channel (zero point 0, [-127, 127]); biases int32 at
/// input_scale × weight_scale; activations int8 asymmetric per tensor from their ranges; data-moving ops (reshape,
/// shift, pad, pools, standalone ReLU) keep their input's parameters, so they stay exact; sigmoid, hard-sigmoid and
/// softmax outputs take the fixed 1/256, -128 the int8 kernels define. The float input is quantized by a Quantize op
/// and the int8 logits dequantized by a Dequantize op, which back ends turn into their float edges.
/// </summary>
public static class Int8Quantizer
{
    /// <summary>The int8 graph of <paramref name="floatGraph"/> (validated).</summary>
    public static IrGraph Quantize(IrGraph floatGraph, ActivationRanges ranges)
    {
        IrGraph graph = QuantizationPreparation.Run(floatGraph);
        var tensors = graph.Tensors.ToDictionary(t => t.Id);
        var quant = new Dictionary<int, QuantizationParams>();
        var result = new Dictionary<int, IrTensor>();
        var operators = new List<IrOperator>();
        int nextId = graph.Tensors.Max(t => t.Id) + 1;

        QuantizationParams FromRange(IrTensor t)
        {
            TensorRange r = ranges.For(t);
            return QuantizationMath.ChooseActivationParams(r.Min, r.Max);
        }

        void SetActivation(IrTensor t, QuantizationParams q)
        {
            quant[t.Id] = q;
            result[t.Id] = t with { DataType = IrDataType.Int8, Quant = QuantParams.PerTensor(q.Scale, q.ZeroPoint) };
        }

        // The float inputs stay; each feeds a Quantize into a new int8 tensor that the operators read instead.
        var inputs = new Dictionary<int, int>();
        foreach (int id in graph.Inputs)
        {
            IrTensor input = tensors[id];
            result[id] = input;
            IrTensor q = input with { Id = nextId++, Name = input.Name + "_int8" };
            SetActivation(q, FromRange(input));
            inputs[id] = q.Id;
            operators.Add(new IrOperator(IrOpKind.Quantize, input.Name + "_quantize", EquatableArray.Of(id), EquatableArray.Of(q.Id)));
        }
        int Read(int id) => inputs.TryGetValue(id, out int q) ? q : id;

        foreach (IrOperator op in graph.Operators)
        {
            var ins = op.Inputs.Select(Read).ToArray();
            IrTensor x = result.TryGetValue(ins[0], out IrTensor? known) ? known : tensors[ins[0]];
            IrTensor y = tensors[op.Outputs[0]];
            switch (op.Kind)
            {
                case IrOpKind.Conv2D:
                case IrOpKind.DepthwiseConv2D:
                case IrOpKind.FullyConnected:
                case IrOpKind.TransposeConv2D:
                    {
                        bool depthwise = op.Kind == IrOpKind.DepthwiseConv2D;
                        IrTensor w = tensors[ins[1]];
                        int channels = depthwise ? w.Shape[3] : w.Shape[0];
                        QuantizedWeights qw;
                        try
                        {
                            qw = QuantizationMath.QuantizeWeightsPerChannel(w.ReadFloat32(), channels, channelInnermost: depthwise);
                        }
                        catch (QuantizationException e)
                        {
                            throw new QuantizationException($"tensor '{w.Name}' of operator '{op.Name}': {e.Message}");
                        }
                        result[w.Id] = w with
                        {
                            DataType = IrDataType.Int8,
                            Quant = QuantParams.PerChannel(qw.Scales, new int[channels], depthwise ? 3 : 0),
                            Data = new EquatableArray<byte>(MemoryMarshal.AsBytes(qw.Values.AsSpan()).ToArray()),
                        };
                        if (ins.Length > 2)
                        {
                            IrTensor b = tensors[ins[2]];
                            float inputScale = quant[x.Id].Scale;
                            int[] bias = QuantizationMath.QuantizeBias(b.ReadFloat32(), inputScale, qw.Scales);
                            result[b.Id] = b with
                            {
                                DataType = IrDataType.Int32,
                                Quant = QuantParams.PerChannel(qw.Scales.Select(s => inputScale * s).ToArray(), new int[channels], 0),
                                Data = new EquatableArray<byte>(MemoryMarshal.AsBytes(bias.AsSpan()).ToArray()),
                            };
                        }
                        SetActivation(y, FromRange(y));
                        break;
                    }

                case IrOpKind.Add:
                case IrOpKind.Mul:
                    foreach (int operand in ins)
                    {
                        if (tensors.TryGetValue(operand, out IrTensor? c) && c.IsConstant && !result.ContainsKey(operand))
                        {
                            QuantizeConstantOperand(c, quant, result);
                        }
                    }
                    SetActivation(y, FromRange(y));
                    break;
                case IrOpKind.HardSwish:
                    {
                        // The int8 hard-swish kernel needs output_scale >= input_scale / 128: widen a narrower range.
                        QuantizationParams q = FromRange(y);
                        float smallest = quant[x.Id].Scale / 128f;
                        if (q.Scale < smallest)
                        {
                            TensorRange r = ranges.For(y);
                            double widen = smallest / q.Scale * 1.001;
                            q = QuantizationMath.ChooseActivationParams(r.Min * widen, r.Max * widen);
                        }
                        SetActivation(y, q);
                        break;
                    }
                case IrOpKind.HardSigmoid:
                    SetActivation(y, HardSigmoidParams.OutputQuantization);
                    break;
                case IrOpKind.Sigmoid:
                    SetActivation(y, LogisticParams.OutputQuantization);
                    break;
                case IrOpKind.Softmax:
                    SetActivation(y, SoftmaxParams.OutputQuantization);
                    break;
                case IrOpKind.Reshape:
                case IrOpKind.Shift:
                case IrOpKind.Pad:
                case IrOpKind.MaxPool2D:
                case IrOpKind.AveragePool2D:
                case IrOpKind.GlobalAveragePool:
                case IrOpKind.Relu:
                case IrOpKind.Relu6:
                    // Same scale in and out: these ops move or select values (averages of values stay in range).
                    SetActivation(y, quant[x.Id]);
                    break;
                default:
                    throw new QuantizationException($"operator '{op.Name}' ({op.Kind}) cannot be statically quantized");
            }
            operators.Add(op with { Inputs = new EquatableArray<int>(ins), InPlaceInput = null });
        }

        var outputs = new List<int>();
        foreach (int id in graph.Outputs)
        {
            IrTensor q = result[id];
            IrTensor f = tensors[id] with { Id = nextId++, Name = tensors[id].Name + "_float", DataType = IrDataType.Float32, Quant = null };
            result[f.Id] = f;
            operators.Add(new IrOperator(IrOpKind.Dequantize, q.Name + "_dequantize", EquatableArray.Of(q.Id), EquatableArray.Of(f.Id)));
            outputs.Add(f.Id);
        }
        var all = graph.Tensors.Select(t => result.TryGetValue(t.Id, out IrTensor? r) ? r : t)
            .Concat(result.Values.Where(t => !tensors.ContainsKey(t.Id)).OrderBy(t => t.Id));
        var quantized = new IrGraph(graph.Name, all, operators, graph.Inputs, outputs, graph.ClassNames, graph.Metadata);
        GraphValidator.Validate(quantized);
        return quantized;
    }

    private static void QuantizeConstantOperand(IrTensor c, Dictionary<int, QuantizationParams> quant, Dictionary<int, IrTensor> result)
    {
        float[] values = c.ReadFloat32();
        QuantizationParams q = QuantizationMath.ChooseActivationParams(values.Min(), values.Max());
        sbyte[] data = values.Select(q.Quantize).ToArray();
        quant[c.Id] = q;
        result[c.Id] = c with
        {
            DataType = IrDataType.Int8,
            Quant = QuantParams.PerTensor(q.Scale, q.ZeroPoint),
            Data = new EquatableArray<byte>(MemoryMarshal.AsBytes(data.AsSpan()).ToArray()),
        };
    }
}
