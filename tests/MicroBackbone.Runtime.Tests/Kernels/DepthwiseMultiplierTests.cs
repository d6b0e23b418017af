using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;
using IrWindow = MicroBackbone.Ir.Int8.Window2D;

namespace MicroBackbone.Runtime.Tests.Kernels;

/// <summary><see cref="DepthwiseMultiplierConv2D"/> against the Ir.Int8 reference, bit for bit, with depth multipliers above 1.</summary>
public class DepthwiseMultiplierTests
{
    [Theory]
    // n, h, w, c, multiplier, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr
    [InlineData(1, 9, 7, 1, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(2, 8, 7, 3, 2, 3, 3, 2, 2, 1, 1, 0, 0, 1, 1)]
    [InlineData(1, 10, 9, 3, 2, 3, 3, 1, 1, 2, 2, 0, 0, 0, 0)]
    [InlineData(1, 11, 9, 2, 8, 5, 5, 2, 2, 1, 1, 2, 2, 2, 2)]
    [InlineData(1, 6, 5, 40, 8, 3, 3, 1, 1, 2, 3, 2, 3, 2, 3)]
    public void DepthwiseWithMultiplierMatchesReference(int n, int h, int w, int c, int multiplier, int kh, int kw, int sh, int sw,
        int dh, int dw, int pt, int pl, int pb, int pr)
    {
        var rnd = new RandomData(700 + (c * multiplier) + h);
        var inShape = new Nhwc(n, h, w, c);
        var window = new IrWindow(kh, kw, sh, sw, dh, dw, pt, pl, pb, pr);
        int outC = c * multiplier;
        QuantizationParams inQ = rnd.Quant();
        var p = IrK.DepthwiseConv2DParams.Prepare(inShape, window, inQ, rnd.WeightScales(outC), rnd.Quant(0.02f, 0.2f),
            FusedActivation.Relu6, multiplier);
        Assert.Equal(outC, p.Output.Channels);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        sbyte[] weights = rnd.Weights(kh * kw * outC);
        int[] bias = rnd.Bias(outC);
        var expected = new sbyte[p.Output.ElementCount];
        IrK.DepthwiseConv2D.Eval(p, input, weights, bias, expected);

        int[] folded = IrConversions.FoldDepthwise(bias, weights, outC, inQ.ZeroPoint);
        int[] m = IrConversions.Multipliers(p.Multipliers);
        int[] s = IrConversions.Shifts(p.Multipliers);
        BothPaths.AssertMatches(expected, expected.Length, output => DepthwiseMultiplierConv2D.Run(IrConversions.Shape(inShape),
            IrConversions.Shape(p.Output), IrConversions.Window(window), multiplier, inQ.ZeroPoint, input, weights, folded, m, s,
            p.OutputOffset, p.Clamp.Min, p.Clamp.Max, output));
    }

    [Fact]
    public void Output_channels_that_are_not_a_multiple_are_rejected()
    {
        var shape = new TensorShape(1, 2, 2, 3);
        var window = new Window2D(1, 1, 1, 1, 1, 1, 0, 0, 0, 0);
        var error = Assert.Throws<ArgumentException>(() => DepthwiseMultiplierConv2D.Run(shape, new TensorShape(1, 2, 2, 5), window, 2, 0,
            new sbyte[12], new sbyte[5], new int[5], new int[5], new int[5], 0, -128, 127, new sbyte[20]));
        Assert.Contains("input channels x depth multiplier", error.Message);
    }
}
