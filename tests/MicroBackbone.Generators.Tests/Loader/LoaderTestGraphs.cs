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
    /// LeakyRelu, Tanh, both resizes. svdf: two stateful SVDF layers.
    /// </summary>
    public static readonly string[] Names =
        ["edge_nano", "every_operator", "convolution_variants", "layout_chain", .. MathOperatorGraphs.Names, "svdf"];

    /// <summary>The graph called <paramref name="name"/>.</summary>
    public static IrGraph Build(string name) => name switch
    {
        "edge_nano" => TinyModels.EdgeNano(),
        "every_operator" => TinyModels.EveryOperator(),
        "convolution_variants" => ConvolutionVariantEmitterTests.Variants(),
        "layout_chain" => LayoutTestModels.Chain(),
        "svdf" => SvdfTestGraphs.TwoLayers(),
        _ => MathOperatorGraphs.Build(name),
    };
}
