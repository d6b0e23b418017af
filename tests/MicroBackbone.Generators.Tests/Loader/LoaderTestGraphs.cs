using MicroBackbone.Compiler.Tests.BackEnds.Stateful;
using MicroBackbone.Generators.Tests.Emitter;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Ir;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Generators.Tests.Loader;

/// <summary>
/// The small graphs that between them use every step the C# back end lowers to (and so every kernel call the loader
/// makes), by name for theories.
/// </summary>
internal static class LoaderTestGraphs
{
    /// <summary>
    /// edge_nano: Conv2D, DepthwiseConv2D, Add, Mean, Reshape, FullyConnected. every_operator: Pad, Shift, MaxPool2D,
    /// AveragePool2D, lookup tables (Relu6, HardSwish, HardSigmoid, Sigmoid, Quantize), channel-gate and same-shape Mul,
    /// Softmax. convolution_variants: depth multipliers, dilation, GroupedConv2D. layout_chain: Transpose, StridedSlice,
    /// Concatenation, PadV2 (strided copies). sub, minmax_prelu, leaky_tanh, resize: Sub, Maximum, Minimum, Prelu,
    /// LeakyRelu, Tanh, both resizes. svdf: two stateful SVDF layers. transpose_conv: two TransposeConv2D layers.
    /// </summary>
    public static readonly string[] Names =
        ["edge_nano", "every_operator", "convolution_variants", "layout_chain", .. MathOperatorGraphs.Names, "svdf", "transpose_conv"];

    /// <summary>The graph called <paramref name="name"/>.</summary>
    public static IrGraph Build(string name) => name switch
    {
        "edge_nano" => TinyModels.EdgeNano(),
        "every_operator" => TinyModels.EveryOperator(),
        "convolution_variants" => ConvolutionVariantEmitterTests.Variants(),
        "layout_chain" => LayoutTestModels.Chain(),
        "svdf" => SvdfTestGraphs.TwoLayers(),
        "transpose_conv" => TransposeConvChain(),
        _ => MathOperatorGraphs.Build(name),
    };

    /// <summary>
    /// int8 [1, 4, 5, 3] → TransposeConv2D (3x3, stride 2, bias, RELU) → [1, 8, 10, 4] → TransposeConv2D (2x3, stride 1,
    /// cuts 1 and 1, no bias) → [1, 8, 10, 2].
    /// </summary>
    private static IrGraph TransposeConvChain()
    {
        var rng = new Random(17);
        sbyte[] Weights(int n) => Enumerable.Range(0, n).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var b = new IrGraphBuilder("transpose_conv");
        var x = b.Input("x", new[] { 1, 4, 5, 3 }, IrDataType.Int8, QuantParams.PerTensor(0.05f, -3));
        var w1 = b.ConstantInt8("w1", new[] { 4, 3, 3, 3 }, Weights(108), QuantParams.PerChannel(new[] { 0.01f, 0.012f, 0.009f, 0.011f }, new int[4], 0));
        var b1 = b.ConstantInt32("b1", new[] { 4 }, new[] { 300, -800, 50, 1200 });
        var y1 = b.Op(IrOpKind.TransposeConv2D, new[] { x, w1, b1 }, new TransposeConv2DAttributes(2, 2, 0, 0, 8, 10, FusedActivation.Relu),
            "up", QuantParams.PerTensor(0.04f, -128));
        var w2 = b.ConstantInt8("w2", new[] { 2, 2, 3, 4 }, Weights(48), QuantParams.PerChannel(new[] { 0.02f, 0.015f }, new int[2], 0));
        var y2 = b.Op(IrOpKind.TransposeConv2D, new[] { y1, w2 }, new TransposeConv2DAttributes(1, 1, 1, 1, 8, 10), "smooth",
            QuantParams.PerTensor(0.1f, 5));
        return b.Output(y2).Build();
    }
}
