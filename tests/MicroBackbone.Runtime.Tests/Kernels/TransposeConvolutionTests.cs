using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Runtime.Tests.Kernels;

/// <summary>The runtime's gathering TransposeConv2D equals the Ir spec's TFLite Micro scatter on random data.</summary>
public class TransposeConvolutionTests
{
    [Theory]
    // n, h, w, cin, cout, kh, kw, sh, sw, padTop, padLeft, outH, outW, activation
    [InlineData(1, 4, 5, 3, 5, 3, 3, 2, 2, 0, 0, 8, 10, FusedActivation.Relu)]
    [InlineData(2, 3, 3, 2, 3, 3, 2, 1, 1, 1, 0, 3, 4, FusedActivation.None)]
    [InlineData(1, 3, 4, 4, 2, 4, 3, 3, 2, 2, 1, 9, 7, FusedActivation.Relu6)]
    [InlineData(1, 2, 2, 1, 1, 5, 5, 2, 3, 0, 0, 9, 10, FusedActivation.None)]
    [InlineData(1, 5, 1, 7, 300, 2, 1, 2, 1, 1, 0, 9, 1, FusedActivation.ReluN1To1)]
    public void TransposeConv2DMatchesReference(int n, int h, int w, int cin, int cout, int kh, int kw, int sh, int sw, int padTop,
        int padLeft, int outH, int outW, FusedActivation activation)
    {
        var rnd = new RandomData(300 + (h * 31) + cin + cout);
        var inShape = new Nhwc(n, h, w, cin);
        var outShape = new Nhwc(n, outH, outW, cout);
        QuantizationParams inQ = rnd.Quant();
        QuantizationParams outQ = rnd.Quant(0.05f, 0.3f);
        var p = IrK.TransposeConv2DParams.Prepare(inShape, outShape, kh, kw, sh, sw, padTop, padLeft, inQ, rnd.WeightScales(cout), outQ, activation);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        sbyte[] weights = rnd.Weights(cout * kh * kw * cin);
        int[] bias = rnd.Bias(cout);
        var expected = new sbyte[outShape.ElementCount];
        IrK.TransposeConv2D.Eval(p, input, weights, bias, new int[outShape.ElementCount], expected);

        BothPaths.AssertMatches(expected, expected.Length, output => TransposeConv2D.Run(IrConversions.Shape(inShape),
            IrConversions.Shape(outShape), kh, kw, sh, sw, padTop, padLeft, inQ.ZeroPoint, input, weights, bias,
            IrConversions.Multipliers(p.Multipliers), IrConversions.Shifts(p.Multipliers), p.OutputOffset, p.Clamp.Min, p.Clamp.Max, output));
    }
}
