using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;
using IrWindow = MicroBackbone.Ir.Int8.Window2D;

namespace MicroBackbone.Runtime.Tests.Kernels;

/// <summary><see cref="GroupedConv2D"/> against the Ir.Int8 reference, bit for bit.</summary>
public class GroupedConvolutionTests
{
    [Theory]
    // n, h, w, cin, cout, groups, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr
    [InlineData(1, 7, 9, 6, 4, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(2, 11, 10, 6, 9, 3, 3, 3, 2, 2, 2, 2, 0, 0, 0, 0)]
    [InlineData(1, 5, 5, 8, 8, 4, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0)]
    [InlineData(1, 6, 4, 520, 260, 2, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0)]
    public void GroupedConvMatchesReference(int n, int h, int w, int cin, int cout, int groups, int kh, int kw, int sh, int sw, int dh, int dw,
        int pt, int pl, int pb, int pr)
    {
        var rnd = new RandomData(900 + cin + cout);
        var inShape = new Nhwc(n, h, w, cin);
        var window = new IrWindow(kh, kw, sh, sw, dh, dw, pt, pl, pb, pr);
        QuantizationParams inQ = rnd.Quant();
        var p = IrK.Conv2DParams.Prepare(inShape, cout, window, inQ, rnd.WeightScales(cout), rnd.Quant(0.05f, 0.3f), FusedActivation.None, groups);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        sbyte[] weights = rnd.Weights(cout * kh * kw * (cin / groups));
        int[] bias = rnd.Bias(cout);
        var expected = new sbyte[p.Output.ElementCount];
        IrK.Conv2D.Eval(p, input, weights, bias, expected);

        int[] folded = IrConversions.FoldFilters(bias, weights, cout, inQ.ZeroPoint);
        int[] m = IrConversions.Multipliers(p.Multipliers);
        int[] s = IrConversions.Shifts(p.Multipliers);
        BothPaths.AssertMatches(expected, expected.Length, output => GroupedConv2D.Run(IrConversions.Shape(inShape),
            IrConversions.Shape(p.Output), IrConversions.Window(window), groups, inQ.ZeroPoint, input, weights, folded, m, s,
            p.OutputOffset, p.Clamp.Min, p.Clamp.Max, output));
    }

    [Fact]
    public void Groups_that_do_not_divide_the_channels_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => GroupedConv2D.Run(new TensorShape(1, 2, 2, 6), new TensorShape(1, 2, 2, 4),
            new Window2D(1, 1), 4, 0, new sbyte[24], new sbyte[4], new int[4], new int[4], new int[4], 0, -128, 127, new sbyte[16]));
        Assert.Contains("groups 4", error.Message);
    }
}
