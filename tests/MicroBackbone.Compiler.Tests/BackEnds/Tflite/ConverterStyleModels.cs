using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// Hand-built TFLite models shaped like the TFLite converter's full-int8 output (float edges, per-axis weights,
/// int32 biases, SAME padding, shared buffers, unused tensors), written with the schema object model.
/// </summary>
internal sealed class ConverterStyleModels
{
    private readonly List<TfliteTensor> _tensors = new();
    private readonly List<TfliteBuffer> _buffers = new() { TfliteBuffer.Empty };
    private readonly List<TfliteOperatorCode> _codes = new();
    private readonly List<TfliteOperator> _operators = new();
    private readonly Random _random = new(42);

    public static TfliteQuantization Q(float scale, long zeroPoint) => TfliteQuantization.PerTensor(scale, zeroPoint);

    public int Activation(string name, TfliteTensorType type, int[] shape, TfliteQuantization? q = null)
    {
        _tensors.Add(new TfliteTensor(name, type, shape, 0, q));
        return _tensors.Count - 1;
    }

    /// <summary>A variable tensor (TFLite's is_variable, e.g. an SVDF's activation state): no buffer, reset to zero.</summary>
    public int Variable(string name, TfliteTensorType type, int[] shape, TfliteQuantization? q = null)
    {
        _tensors.Add(new TfliteTensor(name, type, shape, 0, q, IsVariable: true));
        return _tensors.Count - 1;
    }

    public int Buffer(byte[] data)
    {
        _buffers.Add(new TfliteBuffer(data));
        return _buffers.Count - 1;
    }

    public int Constant(string name, TfliteTensorType type, int[] shape, int buffer, TfliteQuantization? q = null)
    {
        _tensors.Add(new TfliteTensor(name, type, shape, buffer, q));
        return _tensors.Count - 1;
    }

    public int Int32s(string name, int[] shape, params int[] values)
    {
        var data = new byte[values.Length * 4];
        System.Buffer.BlockCopy(values, 0, data, 0, data.Length);
        return Constant(name, TfliteTensorType.Int32, shape, Buffer(data));
    }

    public int Int8Weights(string name, int[] shape, int axis)
    {
        var data = new byte[shape.Aggregate(1, (p, d) => p * d)];
        _random.NextBytes(data);
        var channels = shape[axis];
        var scales = Enumerable.Range(0, channels).Select(c => 0.01f + (0.001f * c)).ToArray();
        return Constant(name, TfliteTensorType.Int8, shape, Buffer(data), TfliteQuantization.PerAxis(scales, new long[channels], axis));
    }

    public int Bias(string name, int channels, float inputScale, TfliteQuantization weights)
    {
        var values = Enumerable.Range(0, channels).Select(_ => _random.Next(-2000, 2000)).ToArray();
        var data = new byte[channels * 4];
        System.Buffer.BlockCopy(values, 0, data, 0, data.Length);
        var scales = weights.Scale.Select(s => inputScale * s).ToArray();
        var q = scales.Length == 1 ? Q(scales[0], 0) : TfliteQuantization.PerAxis(scales, new long[channels], 0);
        return Constant(name, TfliteTensorType.Int32, new[] { channels }, Buffer(data), q);
    }

    public TfliteQuantization QuantOf(int tensor) => _tensors[tensor].Quantization!;

    public void Op(TfliteBuiltinOperator op, int[] inputs, int output, TfliteBuiltinOptions? options = null, int version = 2)
    {
        var code = new TfliteOperatorCode(op, version);
        if (!_codes.Contains(code))
        {
            _codes.Add(code);
        }

        _operators.Add(new TfliteOperator(_codes.IndexOf(code), inputs, new[] { output }, options));
    }

    /// <summary>An operator with several outputs (SPLIT, SPLIT_V).</summary>
    public void Op(TfliteBuiltinOperator op, int[] inputs, int[] outputs, TfliteBuiltinOptions? options, int version)
    {
        var code = new TfliteOperatorCode(op, version);
        if (!_codes.Contains(code))
        {
            _codes.Add(code);
        }

        _operators.Add(new TfliteOperator(_codes.IndexOf(code), inputs, outputs, options));
    }

    public TfliteModel Build(int[] inputs, int[] outputs) => new TfliteModel(
        TfliteModel.SchemaVersion,
        "converter-style test model",
        StructuralList.From(_codes),
        [new TfliteSubgraph("main", StructuralList.From(_tensors), inputs, outputs, StructuralList.From(_operators))],
        StructuralList.From(_buffers),
        StructuralList<TfliteMetadata>.Empty).WithMinRuntimeVersion("1.14.0");

    /// <summary>
    /// float input → QUANTIZE → CONV_2D (stride 2, SAME, RELU) → DEPTHWISE_CONV_2D (SAME, RELU6) → AVERAGE_POOL_2D
    /// (SAME) → MAX_POOL_2D (VALID) → PAD → ADD → LOGISTIC → MUL → HARD_SWISH → RELU → RELU6 → MEAN (no keep_dims)
    /// → FULLY_CONNECTED → RESHAPE → SOFTMAX → DEQUANTIZE. The depthwise bias shares the convolution bias' buffer and
    /// one tensor is used by no operator.
    /// </summary>
    public static TfliteModel EveryOperator()
    {
        var m = new ConverterStyleModels();
        const TfliteTensorType I8 = TfliteTensorType.Int8;
        var act = Q(0.05f, -128);
        var input = m.Activation("input", TfliteTensorType.Float32, new[] { 1, 8, 8, 2 });
        var inputQ = m.Activation("input_q", I8, new[] { 1, 8, 8, 2 }, Q(0.02f, -1));
        m.Op(TfliteBuiltinOperator.Quantize, new[] { input }, inputQ, new TfliteQuantizeOptions(), 1);

        var convW = m.Int8Weights("conv/w", new[] { 4, 3, 3, 2 }, 0);
        var convB = m.Bias("conv/b", 4, 0.02f, m.QuantOf(convW));
        var conv = m.Activation("conv", I8, new[] { 1, 4, 4, 4 }, act);
        m.Op(TfliteBuiltinOperator.Conv2D, new[] { inputQ, convW, convB }, conv, new TfliteConv2DOptions(TflitePadding.Same, 2, 2, TfliteActivation.Relu), 3);

        var dwW = m.Int8Weights("dw/w", new[] { 1, 3, 3, 4 }, 3);
        var dwB = m.Constant("dw/b", TfliteTensorType.Int32, new[] { 4 }, m._tensors[convB].Buffer, m.QuantOf(convB));
        var dw = m.Activation("dw", I8, new[] { 1, 4, 4, 4 }, act);
        m.Op(TfliteBuiltinOperator.DepthwiseConv2D, new[] { conv, dwW, dwB }, dw, new TfliteDepthwiseConv2DOptions(TflitePadding.Same, 1, 1, 1, TfliteActivation.Relu6), 3);

        var avg = m.Activation("avg", I8, new[] { 1, 4, 4, 4 }, act);
        m.Op(TfliteBuiltinOperator.AveragePool2D, new[] { dw }, avg, new TflitePool2DOptions(TflitePadding.Same, 1, 1, 3, 3));
        var max = m.Activation("max", I8, new[] { 1, 2, 2, 4 }, act);
        m.Op(TfliteBuiltinOperator.MaxPool2D, new[] { avg }, max, new TflitePool2DOptions(TflitePadding.Valid, 2, 2, 2, 2));
        var pad = m.Activation("pad", I8, new[] { 1, 4, 4, 4 }, act);
        m.Op(TfliteBuiltinOperator.Pad, new[] { max, m.Int32s("pad/paddings", new[] { 4, 2 }, 0, 0, 1, 1, 1, 1, 0, 0) }, pad, new TflitePadOptions());
        var add = m.Activation("add", I8, new[] { 1, 4, 4, 4 }, Q(0.08f, -20));
        m.Op(TfliteBuiltinOperator.Add, new[] { pad, dw }, add, new TfliteAddOptions());
        var sigmoid = m.Activation("sigmoid", I8, new[] { 1, 4, 4, 4 }, Q(1f / 256, -128));
        m.Op(TfliteBuiltinOperator.Logistic, new[] { add }, sigmoid);
        var mul = m.Activation("mul", I8, new[] { 1, 4, 4, 4 }, Q(0.03f, -50));
        m.Op(TfliteBuiltinOperator.Mul, new[] { add, sigmoid }, mul, new TfliteMulOptions());
        var hswish = m.Activation("hswish", I8, new[] { 1, 4, 4, 4 }, Q(0.04f, -30));
        m.Op(TfliteBuiltinOperator.HardSwish, new[] { mul }, hswish, new TfliteHardSwishOptions(), 1);
        var relu = m.Activation("relu", I8, new[] { 1, 4, 4, 4 }, Q(0.04f, -30));
        m.Op(TfliteBuiltinOperator.Relu, new[] { hswish }, relu);
        var relu6 = m.Activation("relu6", I8, new[] { 1, 4, 4, 4 }, Q(0.04f, -128));
        m.Op(TfliteBuiltinOperator.Relu6, new[] { relu }, relu6);

        var mean = m.Activation("mean", I8, new[] { 1, 4 }, Q(0.03f, -100));
        m.Op(TfliteBuiltinOperator.Mean, new[] { relu6, m.Int32s("mean/axes", new[] { 2 }, 1, 2) }, mean, new TfliteReducerOptions(false));
        var fcW = m.Constant("fc/w", I8, new[] { 3, 4 }, m.Buffer(new byte[] { 1, 2, 3, 4, 250, 251, 252, 253, 9, 0, 127, 129 }), Q(0.02f, 0));
        var fcB = m.Bias("fc/b", 3, 0.03f, m.QuantOf(fcW));
        var fc = m.Activation("fc", I8, new[] { 1, 3 }, Q(0.1f, 0));
        m.Op(TfliteBuiltinOperator.FullyConnected, new[] { mean, fcW, fcB }, fc, new TfliteFullyConnectedOptions(), 4);
        var logits = m.Activation("logits", I8, new[] { 1, 3 }, Q(0.1f, 0));
        m.Op(TfliteBuiltinOperator.Reshape, new[] { fc, m.Int32s("logits/shape", new[] { 2 }, 1, 3) }, logits, new TfliteReshapeOptions([1, 3]), 1);
        var probs = m.Activation("probs", I8, new[] { 1, 3 }, Q(1f / 256, -128));
        m.Op(TfliteBuiltinOperator.Softmax, new[] { logits }, probs, new TfliteSoftmaxOptions(1f));
        var output = m.Activation("output", TfliteTensorType.Float32, new[] { 1, 3 });
        m.Op(TfliteBuiltinOperator.Dequantize, new[] { probs }, output, new TfliteDequantizeOptions());
        m.Activation("unused", I8, new[] { 1, 5 }, Q(0.1f, 0));
        return m.Build(new[] { input }, new[] { output });
    }

    /// <summary>One int8 operator from an int8 input to an int8 output (for kernel-formula checks and errors).</summary>
    public static TfliteModel Single(
        TfliteBuiltinOperator op,
        int[] inputShape,
        TfliteQuantization inputQ,
        int[] outputShape,
        TfliteQuantization outputQ,
        TfliteBuiltinOptions? options,
        Func<ConverterStyleModels, int[]>? extraInputs = null)
    {
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, inputShape, inputQ);
        var extra = extraInputs?.Invoke(m) ?? Array.Empty<int>();
        var y = m.Activation("y", TfliteTensorType.Int8, outputShape, outputQ);
        m.Op(op, new[] { x }.Concat(extra).ToArray(), y, options);
        return m.Build(new[] { x }, new[] { y });
    }
}
