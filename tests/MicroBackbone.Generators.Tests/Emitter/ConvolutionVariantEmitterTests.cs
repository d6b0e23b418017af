using MicroBackbone.CSharpEmitter;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Ir;

namespace MicroBackbone.Generators.Tests.Emitter;

/// <summary>
/// Depthwise convolutions with depth multipliers 8 and 2 (the general runtime kernel) and 1 (the vectorized one),
/// dilation with "same" and "valid" padding, strides 2, a dilated and a grouped convolution, emitted as C# and compiled, against
/// the int8 reference kernels bit for bit.
/// </summary>
public class ConvolutionVariantEmitterTests
{
    [Fact]
    public void Depth_multipliers_and_dilation_are_bit_identical_to_the_reference_kernels()
    {
        var graph = Variants();
        var source = CSharpModelEmitter.Emit(graph, "Consumer", "ConvolutionVariants");
        Assert.Equal(3, CountOf(source, "DepthwiseMultiplierConv2D.Run("));
        Assert.Equal(2, CountOf(source, "DepthwiseConv2D.Run("));
        Assert.Equal(1, CountOf(source, "GroupedConv2D.Run("));
        var type = GeneratorHarness.Load(GeneratorHarness.Compilation(new[] { source })).GetType("Consumer.ConvolutionVariants")!;
        var run = type.GetMethod("Invoke", new[] { typeof(ReadOnlySpan<sbyte>), typeof(Span<sbyte>) })!
            .CreateDelegate<InvokeInt8>(Activator.CreateInstance(type)!);
        var outputLength = (int)graph.Tensor(graph.Outputs[0]).ElementCount;
        for (var seed = 0; seed < 8; seed++)
        {
            var input = TinyModels.Input(300 + seed, 9 * 7);
            var expected = Int8ReferenceRunner.Run(graph, input);
            var actual = new sbyte[outputLength];
            run(input, actual);
            Assert.Equal(expected, actual);
            Assert.True(expected.Distinct().Count() > 8);
        }
    }

    /// <summary>
    /// [1,9,7,1] → depthwise 3x3 x8 SAME → depthwise 3x3 x2 stride 2, dilation 2 ("same" padding 2) → depthwise 3x3
    /// x1 dilation 2x3 VALID → conv 3x3 dilation 2 SAME → depthwise 1x1 x1 → depthwise 1x1 x2 → conv 3x3 in two
    /// groups.
    /// </summary>
    internal static IrGraph Variants()
    {
        var rng = new Random(17);
        var b = new IrGraphBuilder("convolution_variants");
        var x = b.Input("x", new[] { 1, 9, 7, 1 }, IrDataType.Int8, QuantParams.PerTensor(0.05f, -7));
        var d1 = b.DepthwiseConv2D(x, TinyModels.Weights(b, rng, "d1.w", new[] { 1, 3, 3, 8 }, 3), b.ConstantInt32("d1.b", new[] { 8 }, TinyModels.Ints(rng, 8, 2000)),
            new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), DepthMultiplier: 8), "d1", QuantParams.PerTensor(0.04f, 3));
        var d2 = b.DepthwiseConv2D(d1, TinyModels.Weights(b, rng, "d2.w", new[] { 1, 3, 3, 16 }, 3), b.ConstantInt32("d2.b", new[] { 16 }, TinyModels.Ints(rng, 16, 2000)),
            new DepthwiseConv2DAttributes(2, 2, Padding2D.Uniform(2), 2, 2, 2, FusedActivation.Relu6), "d2", QuantParams.PerTensor(0.02f, -128));
        var d3 = b.DepthwiseConv2D(d2, TinyModels.Weights(b, rng, "d3.w", new[] { 1, 2, 2, 16 }, 3), b.ConstantInt32("d3.b", new[] { 16 }, TinyModels.Ints(rng, 16, 2000)),
            new DepthwiseConv2DAttributes(DilationH: 2, DilationW: 3), "d3", QuantParams.PerTensor(0.01f, -5));
        var c4 = b.Conv2D(d3, TinyModels.Weights(b, rng, "c4.w", new[] { 5, 3, 3, 16 }, 0), b.ConstantInt32("c4.b", new[] { 5 }, TinyModels.Ints(rng, 5, 2000)),
            new Conv2DAttributes(Padding: Padding2D.Uniform(2), DilationH: 2, DilationW: 2), "c4", QuantParams.PerTensor(0.03f, 11));
        var d5 = b.DepthwiseConv2D(c4, TinyModels.Weights(b, rng, "d5.w", new[] { 1, 1, 1, 5 }, 3), b.ConstantInt32("d5.b", new[] { 5 }, TinyModels.Ints(rng, 5, 2000)),
            new DepthwiseConv2DAttributes(), "d5", QuantParams.PerTensor(0.03f, 0));
        var d6 = b.DepthwiseConv2D(d5, TinyModels.Weights(b, rng, "d6.w", new[] { 1, 1, 1, 10 }, 3), b.ConstantInt32("d6.b", new[] { 10 }, TinyModels.Ints(rng, 10, 2000)),
            new DepthwiseConv2DAttributes(DepthMultiplier: 2), "d6", QuantParams.PerTensor(0.03f, 0));
        var g7 = b.Conv2D(d6, TinyModels.Weights(b, rng, "g7.w", new[] { 6, 3, 3, 5 }, 0), b.ConstantInt32("g7.b", new[] { 6 }, TinyModels.Ints(rng, 6, 2000)),
            new Conv2DAttributes(Padding: Padding2D.Uniform(1), Groups: 2), "g7", QuantParams.PerTensor(0.01f, -20));
        return b.Output(g7).Build();
    }

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private delegate void InvokeInt8(ReadOnlySpan<sbyte> input, Span<sbyte> output);
}
