using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

public class ConvolutionKernelTests
{
    [Theory]
    [InlineData(1, 1, 0, 0, 0, 0, FusedActivation.None)]
    [InlineData(2, 1, 1, 1, 1, 1, FusedActivation.Relu6)]
    [InlineData(1, 2, 2, 1, 2, 0, FusedActivation.Relu)]
    public void Conv2DMatchesFakeQuantWithinOneLsb(int stride, int dilation, int padTop, int padLeft, int padBottom, int padRight, FusedActivation act)
    {
        var rng = new Random(11 + stride + dilation);
        var inShape = new Nhwc(2, 7, 6, 3);
        const int outC = 4;
        var inQ = new QuantizationParams(0.05f, 5);
        var window = new Window2D(3, 3, stride, stride, dilation, dilation, padTop, padLeft, padBottom, padRight);
        sbyte[] input = FakeQuant.RandomInt8(rng, inShape.ElementCount);
        var w = QuantizationMath.QuantizeWeightsPerChannel(FakeQuant.RandomFloats(rng, outC * 9 * 3, 0.8), outC);
        float[] biasF = FakeQuant.RandomFloats(rng, outC, 0.5);
        int[] bias = QuantizationMath.QuantizeBias(biasF, inQ.Scale, w.Scales);

        double[] x = FakeQuant.Dequantize(input, inQ);
        int oh = window.OutputHeight(inShape.Height);
        int ow = window.OutputWidth(inShape.Width);
        var outShape = new Nhwc(2, oh, ow, outC);
        var real = new double[outShape.ElementCount];
        for (int n = 0; n < 2; n++)
            for (int y = 0; y < oh; y++)
                for (int xx = 0; xx < ow; xx++)
                    for (int o = 0; o < outC; o++)
                    {
                        double acc = bias[o] * (double)inQ.Scale * w.Scales[o];
                        for (int ky = 0; ky < 3; ky++)
                            for (int kx = 0; kx < 3; kx++)
                            {
                                int iy = (y * stride) - padTop + (ky * dilation);
                                int ix = (xx * stride) - padLeft + (kx * dilation);
                                if (iy < 0 || iy >= inShape.Height || ix < 0 || ix >= inShape.Width)
                                {
                                    continue;
                                }

                                for (int i = 0; i < 3; i++)
                                {
                                    acc += x[inShape.Offset(n, iy, ix, i)] * w.Values[(((o * 3) + ky) * 3 + kx) * 3 + i] * w.Scales[o];
                                }
                            }

                        real[outShape.Offset(n, y, xx, o)] = acc;
                    }

        var outQ = FakeQuant.ParamsCovering(real);
        var p = Conv2DParams.Prepare(inShape, outC, window, inQ, w.Scales, outQ, act);
        Assert.Equal(outShape, p.Output);
        var output = new sbyte[outShape.ElementCount];
        Conv2D.Eval(p, input, w.Values, bias, output);
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, outQ, p.Clamp), output);
    }

    [Fact]
    public void Conv2DPaddingActsAsTheInputZeroPoint()
    {
        // A 1x1 input padded to 3x3 with a 3x3 all-ones filter: only the centre tap is real.
        var inQ = new QuantizationParams(1f, 10);
        var p = Conv2DParams.Prepare(new Nhwc(1, 1, 1, 1), 1, new Window2D(3, 3, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1),
            inQ, new[] { 1f }, new QuantizationParams(1f, 0), FusedActivation.None);
        var output = new sbyte[1];
        Conv2D.Eval(p, new sbyte[] { 13 }, Enumerable.Repeat((sbyte)1, 9).ToArray(), ReadOnlySpan<int>.Empty, output);
        Assert.Equal(3, output[0]);
    }

    [Fact]
    public void DepthwiseMatchesFakeQuantWithinOneLsb()
    {
        var rng = new Random(21);
        var inShape = new Nhwc(1, 8, 8, 5);
        var inQ = new QuantizationParams(0.03f, -20);
        var window = new Window2D(3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        sbyte[] input = FakeQuant.RandomInt8(rng, inShape.ElementCount);
        var w = QuantizationMath.QuantizeWeightsPerChannel(FakeQuant.RandomFloats(rng, 9 * 5, 1.5), 5, channelInnermost: true);
        int[] bias = QuantizationMath.QuantizeBias(FakeQuant.RandomFloats(rng, 5, 0.3), inQ.Scale, w.Scales);
        double[] x = FakeQuant.Dequantize(input, inQ);
        var outShape = new Nhwc(1, 4, 4, 5);
        var real = new double[outShape.ElementCount];
        for (int y = 0; y < 4; y++)
            for (int xx = 0; xx < 4; xx++)
                for (int c = 0; c < 5; c++)
                {
                    double acc = bias[c] * (double)inQ.Scale * w.Scales[c];
                    for (int ky = 0; ky < 3; ky++)
                        for (int kx = 0; kx < 3; kx++)
                        {
                            int iy = (y * 2) - 1 + ky;
                            int ix = (xx * 2) - 1 + kx;
                            if (iy >= 0 && iy < 8 && ix >= 0 && ix < 8)
                            {
                                acc += x[inShape.Offset(0, iy, ix, c)] * w.Values[((ky * 3) + kx) * 5 + c] * w.Scales[c];
                            }
                        }

                    real[outShape.Offset(0, y, xx, c)] = acc;
                }

        var outQ = FakeQuant.ParamsCovering(real);
        var p = DepthwiseConv2DParams.Prepare(inShape, window, inQ, w.Scales, outQ, FusedActivation.None);
        Assert.Equal(outShape, p.Output);
        var output = new sbyte[outShape.ElementCount];
        DepthwiseConv2D.Eval(p, input, w.Values, bias, output);
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, outQ, p.Clamp), output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FullyConnectedMatchesFakeQuantWithinOneLsb(bool perChannel)
    {
        var rng = new Random(31);
        const int batches = 3, inD = 16, outD = 6;
        var inQ = new QuantizationParams(0.02f, 3);
        sbyte[] input = FakeQuant.RandomInt8(rng, batches * inD);
        float[] wf = FakeQuant.RandomFloats(rng, outD * inD, 0.5);
        var w = QuantizationMath.QuantizeWeightsPerChannel(wf, perChannel ? outD : 1);
        int[] bias = QuantizationMath.QuantizeBias(FakeQuant.RandomFloats(rng, outD, 0.2), inQ.Scale, w.Scales);
        double[] x = FakeQuant.Dequantize(input, inQ);
        var real = new double[batches * outD];
        for (int b = 0; b < batches; b++)
            for (int o = 0; o < outD; o++)
            {
                float ws = w.Scales[perChannel ? o : 0];
                double acc = bias[o] * (double)inQ.Scale * ws;
                for (int i = 0; i < inD; i++)
                {
                    acc += x[(b * inD) + i] * w.Values[(o * inD) + i] * ws;
                }

                real[(b * outD) + o] = acc;
            }

        var outQ = FakeQuant.ParamsCovering(real);
        var p = FullyConnectedParams.Prepare(batches, inD, outD, inQ, w.Scales, outQ, FusedActivation.None);
        var output = new sbyte[batches * outD];
        FullyConnected.Eval(p, input, w.Values, bias, output);
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, outQ, p.Clamp), output);
    }
}
