using MicroBackbone.Ir;
using MicroBackbone.Ir.Quantization;

namespace MicroBackbone.Compiler.Tests.BackEnds.Onnx;

/// <summary>
/// One-operator float graphs (seeded weights) quantized the way <c>mbc quantize</c> does it: ranges calibrated on
/// <see cref="CalibrationInputs"/>, then <see cref="Int8Quantizer"/>, so every graph has a float input, a Quantize, the
/// int8 operator, and a Dequantize. Each covers one lowering of the QDQ exporter.
/// </summary>
internal static class QdqTestGraphs
{
    public static readonly int[] InputShape = { 1, 6, 5, 8 };

    /// <summary>The operator names <see cref="Build"/> accepts.</summary>
    public static readonly string[] Arithmetic =
    {
        "conv", "depthwise", "pointwise_relu", "fully_connected", "fully_connected_rank4", "add_constant", "mul_broadcast",
        "global_average_pool", "average_pool", "hard_sigmoid", "hard_swish", "sigmoid", "softmax", "relu", "relu6",
    };

    /// <summary>Operators that only move or select values: the QDQ model must equal the interpreter exactly.</summary>
    public static readonly string[] Exact = { "shift", "pad", "reshape", "max_pool" };

    public static IrGraph Build(string kind)
    {
        var b = new IrGraphBuilder("qdq_" + kind);
        var x = b.Input("x", InputShape);
        var c = InputShape[3];
        int y = kind switch
        {
            "conv" => b.Conv2D(x, Weights(b, "conv.w", 6, 3, 3, c), Bias(b, "conv.b", 6), new Conv2DAttributes(2, 1, new Padding2D(1, 0, 2, 1), 1, 2, FusedActivation.Relu6), "conv"),
            "depthwise" => b.DepthwiseConv2D(x, Weights(b, "dw.w", 1, 3, 3, c), Bias(b, "dw.b", c), new DepthwiseConv2DAttributes(1, 2, Padding2D.Uniform(1), 1, 2, Activation: FusedActivation.Relu), "dw"),
            "pointwise_relu" => b.Conv2D(x, Weights(b, "pw.w", 12, 1, 1, c), null, new Conv2DAttributes(Activation: FusedActivation.Relu), "pw"),
            "fully_connected" => b.FullyConnected(b.Reshape(x, new[] { 1, -1 }, "flatten"), Weights(b, "fc.w", 7, 240), Bias(b, "fc.b", 7), opName: "fc"),
            "fully_connected_rank4" => b.FullyConnected(x, Weights(b, "fc.w", 5, 240), Bias(b, "fc.b", 5), FusedActivation.Relu, "fc"),
            "add_constant" => b.Add(x, b.ConstantFloat("bias", InputShape, OnnxTestGraphs.Random(240, 21)), FusedActivation.Relu6, "add"),
            "mul_broadcast" => b.Mul(x, b.ConstantFloat("gate", new[] { 1, 1, 1, c }, OnnxTestGraphs.Random(c, 22, 2f)), opName: "scale"),
            "global_average_pool" => b.Unary(IrOpKind.GlobalAveragePool, x, "pool"),
            "average_pool" => b.Op(IrOpKind.AveragePool2D, new[] { x }, new Pool2DAttributes(3, 2, 2, 1, new Padding2D(1, 1, 2, 0)), "avg"),
            "hard_sigmoid" => b.Unary(IrOpKind.HardSigmoid, x, "gate"),
            "hard_swish" => b.Unary(IrOpKind.HardSwish, x, "hswish"),
            "sigmoid" => b.Unary(IrOpKind.Sigmoid, x, "sigmoid"),
            "softmax" => b.Op(IrOpKind.Softmax, new[] { x }, new SoftmaxAttributes(), "softmax"),
            "relu" => b.Unary(IrOpKind.Relu, x, "relu"),
            "relu6" => b.Unary(IrOpKind.Relu6, x, "relu6"),
            "shift" => b.Shift(x, Enumerable.Range(0, c).Select(i => new ShiftOffset((i % 3) - 1, (i / 3 % 3) - 1 + (i == 7 ? 4 : 0))), "shift"),
            "pad" => b.Op(IrOpKind.Pad, new[] { x }, new PadAttributes(new Padding2D(1, 2, 0, 1)), "pad"),
            "reshape" => b.Reshape(x, new[] { 1, 3, 10, 8 }, "regroup"),
            "max_pool" => b.Op(IrOpKind.MaxPool2D, new[] { x }, new Pool2DAttributes(2, 3, 1, 2, new Padding2D(1, 2, 1, 1)), "max"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such test graph"),
        };
        var floatGraph = b.Output(y).Build();
        return Int8Quantizer.Quantize(floatGraph, Calibrator.Calibrate(floatGraph, CalibrationInputs(), ObserverKind.MinMax));
    }

    /// <summary>Seeded inputs in [-2, 2], NHWC.</summary>
    public static IReadOnlyList<float[]> CalibrationInputs() =>
        Enumerable.Range(0, 16).Select(i => OnnxTestGraphs.Random(240, 100 + i, 2f)).ToArray();

    private static int Weights(IrGraphBuilder b, string name, params int[] shape) =>
        b.ConstantFloat(name, shape, OnnxTestGraphs.Random(shape.Aggregate(1, (p, d) => p * d), name.Length * 31 + shape[0]));

    private static int Bias(IrGraphBuilder b, string name, int channels) => b.ConstantFloat(name, new[] { channels }, OnnxTestGraphs.Random(channels, channels * 7));
}
