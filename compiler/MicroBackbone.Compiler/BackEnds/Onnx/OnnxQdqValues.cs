using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// The quantized values of a QDQ export: every int8 activation of the IR is one ONNX uint8 value holding
/// <c>q + 128</c> with zero point <c>zp + 128</c> (the same real numbers, <c>s * (q - zp)</c>), because ONNX Runtime
/// fuses QDQ convolutions and matrix products into its integer kernels on x86 only for uint8 activations (int8
/// activations are fused on Arm alone); weights stay int8 (symmetric, per channel) and biases int32. Operators read a
/// value through a DequantizeLinear of their own and write it through one QuantizeLinear, the pattern ONNX Runtime
/// recognizes. Scale and zero-point initializers are written once per IR tensor.
/// </summary>
internal sealed class OnnxQdqValues
{
    /// <summary>Added to int8 activation values and zero points to store them as uint8.</summary>
    public const int UInt8Offset = 128;

    private readonly Dictionary<int, (string Scale, string ZeroPoint)> _parameters = new();

    public OnnxQdqValues(OnnxGraphEmitter emitter) => Emitter = emitter;

    public OnnxGraphEmitter Emitter { get; }

    /// <summary>
    /// The scale and uint8 zero-point initializers of per-tensor quantized activation <paramref name="tensorId"/>
    /// (shared by all its Q and DQ nodes).
    /// </summary>
    public (string Scale, string ZeroPoint) Parameters(int tensorId)
    {
        if (_parameters.TryGetValue(tensorId, out var known))
        {
            return known;
        }

        var tensor = Emitter.Source.Tensor(tensorId);
        var q = PerTensor(tensor);
        var scale = Emitter.FloatInitializer(tensor.Name + "_scale", new[] { q.Scales[0] }, Array.Empty<int>());
        var zeroPoint = Emitter.UInt8Initializer(tensor.Name + "_zero_point", new[] { (byte)(q.ZeroPoints[0] + UInt8Offset) }, Array.Empty<int>());
        _parameters[tensorId] = (scale, zeroPoint);
        return (scale, zeroPoint);
    }

    /// <summary>
    /// A float value for operator <paramref name="op"/> to read IR tensor <paramref name="tensorId"/>: a
    /// DequantizeLinear of the activation (one per reader, as ONNX Runtime's fusions expect), or of an int8 constant
    /// operand written as a uint8 initializer in ONNX layout.
    /// </summary>
    public string Dequantized(IrOperator op, int tensorId)
    {
        var tensor = Emitter.Source.Tensor(tensorId);
        var (scale, zeroPoint) = Parameters(tensorId);
        string stored;
        if (tensor.IsConstant)
        {
            var values = tensor.ReadInt8().Select(v => (byte)(v + UInt8Offset)).ToArray();
            var shape = tensor.Shape.ToArray();
            if (shape.Length == 4)
            {
                (values, shape) = OnnxTensorLayout.Permute(values, shape, new[] { 0, 3, 1, 2 });
            }

            stored = Emitter.UInt8Initializer(tensor.Name, values, shape);
        }
        else
        {
            stored = Emitter.Operand(tensorId);
        }

        var real = Emitter.Temporary($"{op.Name}_{tensor.Name}_dq");
        Emitter.Node("DequantizeLinear", real, new[] { stored, scale, zeroPoint }, real);
        return real;
    }

    /// <summary>
    /// Quantizes float value <paramref name="real"/> into IR tensor <paramref name="tensorId"/> (QuantizeLinear
    /// with its scale and zero point, which also saturates to the int8 range) and returns the ONNX value.
    /// </summary>
    public string Quantize(IrOperator op, string real, int tensorId)
    {
        var (scale, zeroPoint) = Parameters(tensorId);
        var output = Emitter.Produce(tensorId);
        Emitter.Node("QuantizeLinear", op.Name, new[] { real, scale, zeroPoint }, output);
        return output;
    }

    /// <summary>
    /// The float value of int8 per-channel weights <paramref name="weights"/> after <paramref name="perm"/> takes them
    /// to ONNX layout: an int8 initializer and a DequantizeLinear along the permuted quantization axis.
    /// </summary>
    public string DequantizedWeights(IrTensor weights, int[] perm)
    {
        var q = weights.Quant ?? throw new InvalidOperationException($"weights {weights.Describe()} have no quantization");
        var (values, shape) = OnnxTensorLayout.Permute(weights.ReadInt8(), weights.Shape.ToArray(), perm);
        var stored = Emitter.Int8Initializer(weights.Name, values, shape);
        var zeroPoints = q.ZeroPoints.Select(z => (sbyte)z).ToArray();
        var axis = Array.IndexOf(perm, q.Axis);
        return DequantizeConstant(weights.Name, stored, q, Emitter.Int8Initializer(weights.Name + "_zero_point", zeroPoints, Dims(q)), axis);
    }

    /// <summary>
    /// The float value of an int32 bias: an int32 initializer and its DequantizeLinear with zero point 0 and the bias's
    /// own scales, or when it has none (graphs built by hand) <c>s_in * s_w[c]</c> in float32 (docs/INT8.md §1).
    /// </summary>
    public string DequantizedBias(IrTensor bias, IrTensor input, IrTensor weights)
    {
        var q = bias.Quant ?? QuantParams.PerChannel(
            weights.Quant!.Scales.Select(s => input.Quant!.Scales[0] * s).ToArray(),
            new int[weights.Quant.Scales.Count],
            axis: 0);
        var stored = Emitter.Int32Initializer(bias.Name, bias.ReadInt32(), bias.Shape.ToArray());
        var zeroPoint = Emitter.Int32Initializer(bias.Name + "_zero_point", q.ZeroPoints.ToArray(), Dims(q));
        return DequantizeConstant(bias.Name, stored, q, zeroPoint, axis: 0);
    }

    /// <summary>A DequantizeLinear of a constant written by the caller, with scale initializers from <paramref name="q"/>.</summary>
    public string DequantizeConstant(string name, string stored, QuantParams q, string zeroPoint, int axis)
    {
        var scale = Emitter.FloatInitializer(name + "_scale", q.Scales.ToArray(), Dims(q));
        var real = Emitter.Temporary(name + "_dq");
        if (q.IsPerChannel)
        {
            Emitter.Node("DequantizeLinear", real, new[] { stored, scale, zeroPoint }, real, OnnxAttribute.Int("axis", axis));
        }
        else
        {
            Emitter.Node("DequantizeLinear", real, new[] { stored, scale, zeroPoint }, real);
        }

        return real;
    }

    private static int[] Dims(QuantParams q) => q.IsPerChannel ? new[] { q.Scales.Count } : Array.Empty<int>();

    private static QuantParams PerTensor(IrTensor tensor)
    {
        if (tensor.Quant is not { IsPerChannel: false } q || tensor.DataType != IrDataType.Int8)
        {
            throw new OnnxExportException(
                $"graph tensor {tensor.Describe()} cannot be exported to target 'onnx' (QDQ): activations must be int8 with per-tensor quantization");
        }

        return q;
    }
}
