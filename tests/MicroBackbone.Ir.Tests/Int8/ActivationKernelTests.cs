using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

public class ActivationKernelTests
{
    private static readonly sbyte[] AllInt8 = Enumerable.Range(-128, 256).Select(v => (sbyte)v).ToArray();

    [Theory]
    [InlineData(0.1f, 0)]
    [InlineData(0.05f, -30)]
    [InlineData(0.02f, 100)]
    [InlineData(0.5f, 0)]
    public void LogisticMatchesFakeQuantWithinOneLsb(float scale, int zp)
    {
        var inQ = new QuantizationParams(scale, zp);
        var p = LogisticParams.Prepare(inQ);
        var output = new sbyte[256];
        Logistic.Eval(p, AllInt8, output);
        double[] real = FakeQuant.Dequantize(AllInt8, inQ).Select(x => 1 / (1 + Math.Exp(-x))).ToArray();
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, LogisticParams.OutputQuantization, ActivationRange.Int8Full), output);
    }

    [Fact]
    public void LogisticOfZeroIsHalf()
    {
        var p = LogisticParams.Prepare(new QuantizationParams(0.1f, 17));
        Assert.Equal(0, Logistic.Element(p, 17)); // 0.5 * 256 - 128
        Assert.Equal(127, Logistic.Element(p, 127));
        Assert.Equal(-128, Logistic.Element(p, -128));
    }

    [Theory]
    [InlineData(0.05f, 0, 0.05f, 0)]
    [InlineData(0.1f, -20, 0.08f, -60)]
    [InlineData(0.03f, 40, 0.02f, -100)]
    public void HardSwishMatchesFakeQuantWithinOneLsb(float inScale, int inZp, float outScale, int outZp)
    {
        var inQ = new QuantizationParams(inScale, inZp);
        var outQ = new QuantizationParams(outScale, outZp);
        var p = HardSwishParams.Prepare(inQ, outQ);
        var output = new sbyte[256];
        HardSwish.Eval(p, AllInt8, output);
        double[] real = FakeQuant.Dequantize(AllInt8, inQ).Select(x => x * Math.Min(6, Math.Max(0, x + 3)) / 6).ToArray();
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, outQ, ActivationRange.Int8Full), output);
    }

    [Fact]
    public void HardSwishIsTheIdentityAboveThreeAndZeroBelowMinusThree()
    {
        var q = new QuantizationParams(0.05f, 0);
        var p = HardSwishParams.Prepare(q, q);
        for (int x = 60; x <= 127; x++)
        {
            Assert.InRange(HardSwish.Element(p, (sbyte)x), x - 1, x + 1);
        }

        for (int x = -128; x <= -60; x++)
        {
            Assert.Equal(0, HardSwish.Element(p, (sbyte)x));
        }
    }

    [Theory]
    [InlineData(0.05f, 0)]
    [InlineData(0.1f, -50)]
    [InlineData(0.01f, 20)]
    public void HardSigmoidMatchesFakeQuantWithinOneLsb(float scale, int zp)
    {
        var inQ = new QuantizationParams(scale, zp);
        var p = HardSigmoidParams.Prepare(inQ);
        var output = new sbyte[256];
        HardSigmoid.Eval(p, AllInt8, output);
        double[] real = FakeQuant.Dequantize(AllInt8, inQ).Select(x => Math.Min(6, Math.Max(0, x + 3)) / 6).ToArray();
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, HardSigmoidParams.OutputQuantization, ActivationRange.Int8Full), output);
    }

    [Fact]
    public void HardSigmoidIsExactlyItsDepthwiseExport()
    {
        var inQ = new QuantizationParams(0.07f, -9);
        var shape = new Nhwc(1, 4, 4, 16);
        var p = HardSigmoidParams.Prepare(inQ);
        var dw = p.ToDepthwise(shape, inQ, out sbyte[] weights, out int[] bias);
        sbyte[] input = FakeQuant.RandomInt8(new Random(61), shape.ElementCount);
        var viaDepthwise = new sbyte[shape.ElementCount];
        var direct = new sbyte[shape.ElementCount];
        DepthwiseConv2D.Eval(dw, input, weights, bias, viaDepthwise);
        HardSigmoid.Eval(p, input, direct);
        Assert.Equal(viaDepthwise, direct);
        Assert.Equal(-128, HardSigmoid.Element(p, -128)); // x = -8.3 -> 0
        Assert.Equal(0, HardSigmoid.Element(p, -9));      // x = 0 -> 0.5
        Assert.Equal(127, HardSigmoid.Element(p, 127));   // x = 9.5 -> 1 (saturates at 255/256)
    }

    [Fact]
    public void SoftmaxOfAUniformRowIsUniform()
    {
        var p = SoftmaxParams.Prepare(4, new QuantizationParams(0.1f, 0));
        var output = new sbyte[8];
        Softmax.Eval(p, new sbyte[] { 5, 5, 5, 5, -100, -100, -100, -100 }, output);
        Assert.All(output, v => Assert.Equal(-64, v)); // 0.25 * 256 - 128
    }

    [Fact]
    public void SoftmaxOfADominantLogitIsOne()
    {
        var p = SoftmaxParams.Prepare(4, new QuantizationParams(0.1f, 0));
        var output = new sbyte[4];
        Softmax.Eval(p, new sbyte[] { -128, 127, -128, -128 }, output);
        Assert.Equal(new sbyte[] { -128, 127, -128, -128 }, output);
    }

    [Theory]
    [InlineData(0.1f, 10, 10)]
    [InlineData(0.05f, -3, 7)]
    [InlineData(0.3f, 0, 3)]
    public void SoftmaxMatchesFakeQuantWithinOneLsb(float scale, int zp, int depth)
    {
        var rng = new Random(71 + depth);
        var inQ = new QuantizationParams(scale, zp);
        sbyte[] input = FakeQuant.RandomInt8(rng, depth * 20);
        var p = SoftmaxParams.Prepare(depth, inQ);
        var output = new sbyte[input.Length];
        Softmax.Eval(p, input, output);
        double[] x = FakeQuant.Dequantize(input, inQ);
        var real = new double[x.Length];
        for (int r = 0; r < 20; r++)
        {
            double max = x.Skip(r * depth).Take(depth).Max();
            double sum = x.Skip(r * depth).Take(depth).Sum(v => Math.Exp(v - max));
            for (int c = 0; c < depth; c++)
            {
                real[(r * depth) + c] = Math.Exp(x[(r * depth) + c] - max) / sum;
            }
        }

        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, SoftmaxParams.OutputQuantization, ActivationRange.Int8Full), output);
    }
}
