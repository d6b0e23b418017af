using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Int8;

/// <summary>
/// TransposeConv2D: a hand-worked scatter (overlapping taps add, bias, cuts, input zero point) in the int8 and float
/// interpreters; the attributes survive .mbir; the shape rule checks the filter depth and the sizes.
/// </summary>
public class TransposeConvolutionKernelTests
{
    // x = [[1, 2], [3, 4]] (stored with zero point 1), 2x2 filter of ones, stride 1: the full scattered image is
    // [[1, 3, 2], [4, 10, 6], [3, 7, 4]]; bias 5; cutting one row and column leaves [[10, 6], [7, 4]] + 5.
    [Theory]
    [InlineData(0, 0, 3, 3, new[] { 6, 8, 7, 9, 15, 11, 8, 12, 9 })]
    [InlineData(1, 1, 2, 2, new[] { 15, 11, 12, 9 })]
    public void Overlapping_taps_add_and_the_cuts_drop_the_top_left(int padTop, int padLeft, int outH, int outW, int[] expected)
    {
        var graph = Graph(new TransposeConv2DAttributes(1, 1, padTop, padLeft, outH, outW), out var attributes);
        Assert.Equal(attributes, graph.Operators[0].Attributes);
        var stored = new sbyte[] { 2, 3, 4, 5 };
        var int8 = new Int8Interpreter(graph).Run(stored);
        Assert.Equal(expected.Select(v => (sbyte)v).ToArray(), int8);
    }

    [Fact]
    public void Stride_two_places_each_input_pixel_two_cells_apart_and_the_float_kernel_agrees()
    {
        var graph = Graph(new TransposeConv2DAttributes(2, 2, 0, 0, 4, 4), out _);
        var int8 = new Int8Interpreter(graph).Run(new sbyte[] { 2, 3, 4, 5 });
        var expected = new[] { 6, 6, 7, 7, 6, 6, 7, 7, 8, 8, 9, 9, 8, 8, 9, 9 };
        Assert.Equal(expected.Select(v => (sbyte)v).ToArray(), int8);

        var text = MbirWriter.Write(graph);
        Assert.Contains("\"output_size\": [4, 4]", text);
        var again = MbirReader.Read(text, "tconv.mbir");
        Assert.Equal(graph.Operators[0].Attributes, again.Operators[0].Attributes);

        var fb = new IrGraphBuilder("tconv_float");
        var x = fb.Input("x", new[] { 1, 2, 2, 1 });
        var w = fb.ConstantFloat("w", new[] { 1, 2, 2, 1 }, new[] { 1f, 1f, 1f, 1f });
        var b = fb.ConstantFloat("b", new[] { 1 }, new[] { 5f });
        fb.Output(fb.Op(IrOpKind.TransposeConv2D, new[] { x, w, b }, new TransposeConv2DAttributes(2, 2, 0, 0, 4, 4)));
        var y = new FloatInterpreter(fb.Build()).Run(new[] { new[] { 1f, 2f, 3f, 4f } })[0];
        Assert.Equal(expected.Select(v => (float)v).ToArray(), y);
    }

    [Fact]
    public void Shape_rule_checks_filter_depth_and_sizes()
    {
        var b = new IrGraphBuilder("bad");
        var x = b.Input("x", new[] { 1, 2, 2, 3 }, IrDataType.Int8, QuantParams.PerTensor(1f, 0));
        var w = b.ConstantInt8("w", new[] { 1, 2, 2, 2 }, new sbyte[8], QuantParams.PerTensor(1f, 0));
        var depth = Assert.ThrowsAny<MicroBackboneException>(() =>
            b.Op(IrOpKind.TransposeConv2D, new[] { x, w }, new TransposeConv2DAttributes(1, 1, 0, 0, 3, 3), "t", QuantParams.PerTensor(1f, 0)));
        Assert.Contains("I = 3 input channels", depth.Message);
        var w3 = b.ConstantInt8("w3", new[] { 1, 2, 2, 3 }, new sbyte[12], QuantParams.PerTensor(1f, 0));
        var stride = Assert.ThrowsAny<MicroBackboneException>(() =>
            b.Op(IrOpKind.TransposeConv2D, new[] { x, w3 }, new TransposeConv2DAttributes(0, 1, 0, 0, 3, 3), "t", QuantParams.PerTensor(1f, 0)));
        Assert.Contains("strides (0, 1)", stride.Message);
    }

    private static IrGraph Graph(TransposeConv2DAttributes a, out TransposeConv2DAttributes attributes)
    {
        attributes = a;
        var b = new IrGraphBuilder("tconv");
        var x = b.Input("x", new[] { 1, 2, 2, 1 }, IrDataType.Int8, QuantParams.PerTensor(1f, 1));
        var w = b.ConstantInt8("w", new[] { 1, 2, 2, 1 }, new sbyte[] { 1, 1, 1, 1 }, QuantParams.PerChannel(new[] { 1f }, new[] { 0 }, 0));
        var bias = b.ConstantInt32("b", new[] { 1 }, new[] { 5 });
        var y = b.Op(IrOpKind.TransposeConv2D, new[] { x, w, bias }, a, "tconv", QuantParams.PerTensor(1f, 0));
        return b.Output(y).Build();
    }
}
