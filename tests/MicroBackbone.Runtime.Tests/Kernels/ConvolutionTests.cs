using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;
using IrWindow = MicroBackbone.Ir.Int8.Window2D;

namespace MicroBackbone.Runtime.Tests.Kernels;

public class ConvolutionTests
{
    [Theory]
    // n, h, w, cin, cout, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, activation
    [InlineData(1, 5, 5, 3, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, FusedActivation.Relu6)]
    [InlineData(2, 7, 6, 17, 5, 3, 3, 2, 2, 1, 1, 0, 1, 1, 0, FusedActivation.None)]
    [InlineData(1, 9, 9, 16, 12, 5, 3, 1, 2, 2, 1, 2, 0, 3, 1, FusedActivation.Relu)]
    [InlineData(1, 8, 8, 20, 9, 3, 3, 1, 1, 2, 3, 2, 3, 2, 3, FusedActivation.None)]
    [InlineData(1, 6, 6, 40, 7, 1, 1, 2, 2, 1, 1, 0, 0, 0, 0, FusedActivation.ReluN1To1)]
    [InlineData(1, 4, 4, 33, 36, 2, 2, 1, 1, 1, 1, 0, 0, 1, 1, FusedActivation.Relu6)]
    [InlineData(1, 12, 11, 1, 16, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, FusedActivation.None)]
    [InlineData(1, 5, 3, 64, 300, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, FusedActivation.Relu)]
    [InlineData(1, 3, 4, 3, 5, 3, 3, 1, 1, 1, 1, 4, 4, 4, 4, FusedActivation.None)]
    public void Conv2DMatchesReference(int n, int h, int w, int cin, int cout, int kh, int kw, int sh, int sw, int dh, int dw,
        int pt, int pl, int pb, int pr, FusedActivation activation)
    {
        var rnd = new RandomData(100 + (h * 31) + cin);
        var inShape = new Nhwc(n, h, w, cin);
        var window = new IrWindow(kh, kw, sh, sw, dh, dw, pt, pl, pb, pr);
        QuantizationParams inQ = rnd.Quant();
        QuantizationParams outQ = rnd.Quant(0.05f, 0.3f);
        var p = IrK.Conv2DParams.Prepare(inShape, cout, window, inQ, rnd.WeightScales(cout), outQ, activation);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        sbyte[] weights = rnd.Weights(cout * kh * kw * cin);
        int[] bias = rnd.Bias(cout);
        var expected = new sbyte[p.Output.ElementCount];
        IrK.Conv2D.Eval(p, input, weights, bias, expected);

        int[] folded = IrConversions.FoldFilters(bias, weights, cout, inQ.ZeroPoint);
        int[] m = IrConversions.Multipliers(p.Multipliers);
        int[] s = IrConversions.Shifts(p.Multipliers);
        GemmPaths.ForEach(prepacked =>
        {
            PackedFilters? packed = prepacked ? PackedFilters.Create(weights, cout, folded, m, s) : null;
            BothPaths.AssertMatches(expected, expected.Length, output => Conv2D.Run(IrConversions.Shape(inShape),
                IrConversions.Shape(p.Output), IrConversions.Window(window), inQ.ZeroPoint, input, weights, folded, m, s, p.OutputOffset,
                p.Clamp.Min, p.Clamp.Max, output, packed));
        });
    }

    [Theory]
    [InlineData(1, 6, 6, 16, 24)]
    [InlineData(2, 3, 5, 37, 13)]
    [InlineData(1, 2, 2, 64, 260)]
    [InlineData(1, 1, 3, 5, 3)]
    [InlineData(1, 4, 4, 8, 12)]
    [InlineData(1, 3, 3, 12, 8)]
    [InlineData(1, 3, 3, 27, 5)]
    [InlineData(1, 4, 4, 1, 9)]
    [InlineData(1, 8, 8, 32, 32)]
    public void PointwiseMatchesReference(int n, int h, int w, int cin, int cout)
    {
        var rnd = new RandomData(200 + cin + cout);
        var inShape = new Nhwc(n, h, w, cin);
        QuantizationParams inQ = rnd.Quant();
        var p = IrK.Conv2DParams.Prepare(inShape, cout, new IrWindow(1, 1), inQ, rnd.WeightScales(cout), rnd.Quant(0.05f, 0.3f), FusedActivation.Relu6);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        sbyte[] weights = rnd.Weights(cout * cin);
        int[] bias = rnd.Bias(cout);
        var expected = new sbyte[p.Output.ElementCount];
        IrK.Conv2D.Eval(p, input, weights, bias, expected);

        int[] folded = IrConversions.FoldFilters(bias, weights, cout, inQ.ZeroPoint);
        int[] m = IrConversions.Multipliers(p.Multipliers);
        int[] s = IrConversions.Shifts(p.Multipliers);
        GemmPaths.ForEach(prepacked =>
        {
            PackedFilters? packed = prepacked ? PackedFilters.Create(weights, cout, folded, m, s) : null;
            BothPaths.AssertMatches(expected, expected.Length, output => PointwiseConv2D.Run(n * h * w, cin, cout, input,
                weights, folded, m, s, p.OutputOffset, p.Clamp.Min, p.Clamp.Max, output, packed));
        });
        BothPaths.AssertMatches(expected, expected.Length, output => Conv2D.Run(IrConversions.Shape(inShape), IrConversions.Shape(p.Output),
            new Window2D(1, 1), inQ.ZeroPoint, input, weights, folded, m, s, p.OutputOffset, p.Clamp.Min, p.Clamp.Max, output));
    }

    [Fact]
    public void PackedFiltersOfAnotherLayerAreRefused()
    {
        var rnd = new RandomData(250);
        sbyte[] input = rnd.Int8(16 * 8);
        sbyte[] weights = rnd.Weights(8 * 8);
        int[] bias = rnd.Bias(8);
        int[] m = Enumerable.Repeat(1 << 30, 8).ToArray();
        int[] shifts = Enumerable.Repeat(-3, 8).ToArray();
        int[] otherShifts = Enumerable.Repeat(-4, 8).ToArray();
        PackedFilters other = PackedFilters.Create(weights, 8, bias, m, otherShifts);
        var output = new sbyte[16 * 8];
        PackedFilters wider = PackedFilters.Create(rnd.Weights(8 * 4096), 8, bias, m, shifts);
        if (PackedGemm.UnitWidth != 0)
        {
            Assert.Throws<ArgumentException>(() => PointwiseConv2D.Run(16, 8, 8, input, weights, bias, m, shifts, 0, -128, 127, output, other));
            // Another shape (here deeper than one packing pass holds) is refused too, even for a single pixel.
            Assert.Throws<ArgumentException>(() => PointwiseConv2D.Run(1, 8, 8, input.AsSpan(0, 8), weights, bias, m, shifts, 0, -128, 127,
                output.AsSpan(0, 8), wider));
        }
    }

    [Theory]
    // n, h, w, c, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr
    [InlineData(1, 8, 8, 32, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(2, 7, 9, 21, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1)]
    [InlineData(1, 10, 10, 48, 5, 5, 1, 1, 1, 1, 2, 2, 2, 2)]
    [InlineData(1, 9, 9, 19, 3, 3, 1, 2, 2, 2, 2, 1, 2, 3)]
    [InlineData(1, 5, 5, 7, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0)]
    [InlineData(1, 6, 6, 300, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(1, 12, 12, 16, 9, 9, 1, 1, 1, 1, 4, 4, 4, 4)]
    [InlineData(1, 6, 6, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(1, 6, 7, 29, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1)]
    [InlineData(2, 5, 6, 64, 2, 3, 2, 1, 1, 2, 0, 1, 1, 2)]
    public void DepthwiseMatchesReference(int n, int h, int w, int c, int kh, int kw, int sh, int sw, int dh, int dw, int pt, int pl, int pb, int pr)
    {
        var rnd = new RandomData(300 + c + h);
        var inShape = new Nhwc(n, h, w, c);
        var window = new IrWindow(kh, kw, sh, sw, dh, dw, pt, pl, pb, pr);
        QuantizationParams inQ = rnd.Quant();
        var p = IrK.DepthwiseConv2DParams.Prepare(inShape, window, inQ, rnd.WeightScales(c), rnd.Quant(0.02f, 0.2f), FusedActivation.Relu);
        sbyte[] input = rnd.Int8(inShape.ElementCount);
        sbyte[] weights = rnd.Weights(kh * kw * c);
        int[] bias = rnd.Bias(c);
        var expected = new sbyte[p.Output.ElementCount];
        IrK.DepthwiseConv2D.Eval(p, input, weights, bias, expected);

        int[] folded = IrConversions.FoldDepthwise(bias, weights, c, inQ.ZeroPoint);
        int[] m = IrConversions.Multipliers(p.Multipliers);
        int[] s = IrConversions.Shifts(p.Multipliers);
        foreach (bool pairs in new[] { true, false })
        {
            // Multiples of 16 channels take the AVX2 pair engine; check the general vector path on them too.
            DepthwisePairs.Enabled = pairs;
            try
            {
                BothPaths.AssertMatches(expected, expected.Length, output => DepthwiseConv2D.Run(IrConversions.Shape(inShape),
                    IrConversions.Shape(p.Output), IrConversions.Window(window), inQ.ZeroPoint, input, weights, folded, m, s, p.OutputOffset,
                    p.Clamp.Min, p.Clamp.Max, output));
            }
            finally
            {
                DepthwisePairs.Enabled = true;
            }
        }
    }

    [Theory]
    [InlineData(1, 64, 10, false)]
    [InlineData(3, 37, 19, false)]
    [InlineData(2, 128, 5, true)]
    public void FullyConnectedMatchesReference(int batches, int inDepth, int outDepth, bool perTensor)
    {
        var rnd = new RandomData(400 + inDepth);
        QuantizationParams inQ = rnd.Quant();
        float[] scales = perTensor ? rnd.WeightScales(1) : rnd.WeightScales(outDepth);
        var p = IrK.FullyConnectedParams.Prepare(batches, inDepth, outDepth, inQ, scales, rnd.Quant(0.05f, 0.3f), FusedActivation.None);
        sbyte[] input = rnd.Int8(batches * inDepth);
        sbyte[] weights = rnd.Weights(outDepth * inDepth);
        int[] bias = rnd.Bias(outDepth);
        var expected = new sbyte[batches * outDepth];
        IrK.FullyConnected.Eval(p, input, weights, bias, expected);

        int[] folded = IrConversions.FoldFilters(bias, weights, outDepth, inQ.ZeroPoint);
        int[] m = IrConversions.Multipliers(p.Multipliers);
        int[] s = IrConversions.Shifts(p.Multipliers);
        GemmPaths.ForEach(prepacked =>
        {
            PackedFilters? packed = prepacked ? PackedFilters.Create(weights, outDepth, folded, m, s) : null;
            BothPaths.AssertMatches(expected, expected.Length, output => FullyConnected.Run(batches, inDepth, outDepth, input, weights, folded,
                m, s, p.OutputOffset, p.Clamp.Min, p.Clamp.Max, output, packed));
        });
    }

    [Fact]
    public void ConvWithoutBiasAndExtremeValuesMatchesReference()
    {
        // All inputs at -128 and weights at +-127 stress the int16 products and the int32 accumulators.
        var rnd = new RandomData(7);
        var inShape = new Nhwc(1, 4, 4, 64);
        var window = new IrWindow(3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        var inQ = new QuantizationParams(0.02f, 127);
        var p = IrK.Conv2DParams.Prepare(inShape, 8, window, inQ, rnd.WeightScales(8), new QuantizationParams(0.5f, -3), FusedActivation.None);
        sbyte[] input = Enumerable.Repeat(sbyte.MinValue, inShape.ElementCount).ToArray();
        sbyte[] weights = Enumerable.Range(0, 8 * 9 * 64).Select(i => (sbyte)(i % 3 == 0 ? -127 : 127)).ToArray();
        var expected = new sbyte[p.Output.ElementCount];
        IrK.Conv2D.Eval(p, input, weights, ReadOnlySpan<int>.Empty, expected);

        int[] folded = IrConversions.FoldFilters(Array.Empty<int>(), weights, 8, inQ.ZeroPoint);
        BothPaths.AssertMatches(expected, expected.Length, output => Conv2D.Run(IrConversions.Shape(inShape), IrConversions.Shape(p.Output),
            IrConversions.Window(window), inQ.ZeroPoint, input, weights, folded, IrConversions.Multipliers(p.Multipliers),
            IrConversions.Shifts(p.Multipliers), p.OutputOffset, p.Clamp.Min, p.Clamp.Max, output));
    }
}
