using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;
using IrWindow = MicroBackbone.Ir.Int8.Window2D;

namespace MicroBackbone.Runtime.Tests.Kernels;

public class PoolingTests
{
    [Theory]
    // n, h, w, c, kh, kw, sh, sw, pt, pl, pb, pr
    [InlineData(1, 8, 8, 16, 2, 2, 2, 2, 0, 0, 0, 0)]
    [InlineData(2, 7, 7, 21, 3, 3, 2, 2, 1, 1, 1, 1)]
    [InlineData(1, 5, 6, 300, 5, 6, 1, 1, 0, 0, 0, 0)]
    [InlineData(1, 9, 5, 3, 3, 2, 1, 2, 1, 0, 1, 1)]
    public void PoolsMatchReference(int n, int h, int w, int c, int kh, int kw, int sh, int sw, int pt, int pl, int pb, int pr)
    {
        var rnd = new RandomData(1100 + c);
        var inShape = new Nhwc(n, h, w, c);
        var window = new IrWindow(kh, kw, sh, sw, 1, 1, pt, pl, pb, pr);
        QuantizationParams q = rnd.Quant();
        var p = IrK.Pool2DParams.Prepare(inShape, window, q, q, FusedActivation.Relu6);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        var expected = new sbyte[p.Output.ElementCount];
        IrK.AveragePool2D.Eval(p, input, expected);
        BothPaths.AssertMatches(expected, expected.Length, output => AveragePool2D.Run(IrConversions.Shape(inShape), IrConversions.Shape(p.Output),
            IrConversions.Window(window), p.Clamp.Min, p.Clamp.Max, input, output));
        IrK.MaxPool2D.Eval(p, input, expected);
        BothPaths.AssertMatches(expected, expected.Length, output => MaxPool2D.Run(IrConversions.Shape(inShape), IrConversions.Shape(p.Output),
            IrConversions.Window(window), p.Clamp.Min, p.Clamp.Max, input, output));
    }

    [Theory]
    [InlineData(1, 7, 7, 32)]
    [InlineData(2, 3, 5, 19)]
    [InlineData(1, 16, 16, 300)]
    public void MeanMatchesReference(int n, int h, int w, int c)
    {
        var rnd = new RandomData(1200 + c);
        var inShape = new Nhwc(n, h, w, c);
        var p = IrK.MeanParams.Prepare(inShape, rnd.Quant(), rnd.Quant());
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        var expected = new sbyte[n * c];
        IrK.Mean.Eval(p, input, expected);
        BothPaths.AssertMatches(expected, expected.Length, output => Mean.Run(IrConversions.Shape(inShape), p.InputZeroPoint, p.Multiplier.Multiplier,
            p.Multiplier.Shift, p.OutputZeroPoint, input, output));
    }

    [Theory]
    [InlineData(0, 1, 2, 0, 0, 1, 2, 0)]
    [InlineData(1, 0, 0, 3, 0, 2, 1, 5)]
    public void PadMatchesReference(int bn, int bh, int bw, int bc, int an, int ah, int aw, int ac)
    {
        var rnd = new RandomData(1300 + bc);
        var inShape = new Nhwc(2, 3, 4, 5);
        QuantizationParams q = rnd.Quant();
        var p = IrK.PadParams.Prepare(inShape, new[] { bn, bh, bw, bc }, new[] { an, ah, aw, ac }, q, q);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        var expected = new sbyte[p.Output.ElementCount];
        IrK.Pad.Eval(p, input, expected);
        BothPaths.AssertMatches(expected, expected.Length, output => Pad.Run(IrConversions.Shape(inShape), IrConversions.Shape(p.Output),
            bn, bh, bw, bc, p.Fill, input, output));
    }

    [Fact]
    public void ShiftMatchesReference()
    {
        var rnd = new RandomData(1400);
        var shape = new Nhwc(2, 5, 6, 9);
        int[] dy = Enumerable.Range(0, 9).Select(_ => rnd.Next(-6, 7)).ToArray();
        int[] dx = Enumerable.Range(0, 9).Select(_ => rnd.Next(-7, 8)).ToArray();
        var p = IrK.ShiftParams.Prepare(shape, dy, dx, rnd.Quant());
        sbyte[] input = rnd.Int8(shape.ElementCount);
        var expected = new sbyte[shape.ElementCount];
        IrK.Shift.Eval(p, input, expected);
        BothPaths.AssertMatches(expected, expected.Length, output => Shift.Run(IrConversions.Shape(shape), dy, dx, p.Fill, input, output));
    }
}
