using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

/// <summary>
/// The int8 Sub, Maximum/Minimum, LeakyRelu, Prelu, Tanh and resize kernels: hand-worked values, TFLM's Prepare
/// arithmetic (float32 where TFLM uses it) and agreement with a float fake-quant computation within 1 LSB.
/// </summary>
public class MathKernelTests
{
    [Theory]
    [InlineData(0.05f, 3, 0.02f, -10, FusedActivation.None)]
    [InlineData(0.11f, 20, 0.0037f, -9, FusedActivation.Relu)]
    [InlineData(0.1f, 0, 0.003f, 50, FusedActivation.Relu6)]
    [InlineData(0.012f, 9, 0.01f, -1, FusedActivation.ReluN1To1)]
    public void SubMatchesFakeQuantWithinOneLsb(float s1, int z1, float s2, int z2, FusedActivation act)
    {
        var rng = new Random(51);
        var (q1, q2) = (new QuantizationParams(s1, z1), new QuantizationParams(s2, z2));
        sbyte[] a = FakeQuant.RandomInt8(rng, 500);
        sbyte[] b = FakeQuant.RandomInt8(rng, 500);
        double[] real = FakeQuant.Dequantize(a, q1).Zip(FakeQuant.Dequantize(b, q2), (u, v) => u - v).ToArray();
        var outQ = FakeQuant.ParamsCovering(real);
        var p = AddParams.PrepareSub(q1, q2, outQ, act);
        var output = a.Select((v, i) => Sub.Element(p, v, b[i])).ToArray();
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, outQ, p.Clamp), output);
    }

    [Fact]
    public void SubPreparesItsMultipliersInFloat32LikeTflm()
    {
        // TFLM's SUB (unlike ADD) divides in float32; 0.0037f / (2 * 0.11f) rounds differently in float and double.
        var (q1, q2, qo) = (new QuantizationParams(0.11f, 0), new QuantizationParams(0.0037f, 0), new QuantizationParams(0.09f, 0));
        var p = AddParams.PrepareSub(q1, q2, qo, FusedActivation.None);
        float twice = 2 * 0.11f;
        Assert.Equal(QuantizedMultiplier.FromDoubleSmallerThanOne((float)(0.0037f / twice)), p.Input2Multiplier);
        Assert.Equal(QuantizedMultiplier.FromDoubleSmallerThanOne((float)(twice / (float)((1 << 20) * 0.09f))), p.OutputMultiplier);
        Assert.NotEqual(QuantizedMultiplier.FromDoubleSmallerThanOne(0.0037f / (2 * (double)0.11f)), p.Input2Multiplier);
    }

    [Fact]
    public void SubOfEqualValuesOnOneScaleIsTheOutputZeroPoint()
    {
        var q = new QuantizationParams(0.05f, -7);
        var p = AddParams.PrepareSub(q, q, new QuantizationParams(0.1f, 12), FusedActivation.None);
        for (var v = -128; v < 128; v++)
        {
            Assert.Equal(12, Sub.Element(p, (sbyte)v, (sbyte)v));
        }
    }

    [Fact]
    public void MaximumAndMinimumCompareStoredValues()
    {
        Assert.Equal(5, MaximumMinimum.Maximum(-3, 5));
        Assert.Equal(-128, MaximumMinimum.Minimum(-128, 127));
        Assert.Equal(127, MaximumMinimum.Maximum(127, 127));
    }

    [Theory]
    [InlineData(0.05f, -7, 0.03f, -60, 0.2f)]
    [InlineData(0.03f, -60, 0.02f, 9, -0.7f)]
    [InlineData(0.02f, 9, 0.04f, 0, 1.5f)]
    [InlineData(0.1f, 0, 0.1f, 0, 0f)]
    public void LeakyReluMatchesFakeQuantWithinOneLsb(float si, int zi, float so, int zo, float alpha)
    {
        var (qi, qo) = (new QuantizationParams(si, zi), new QuantizationParams(so, zo));
        var p = LeakyReluParams.Prepare(qi, qo, alpha);
        var all = Enumerable.Range(-128, 256).Select(v => (sbyte)v).ToArray();
        var output = new sbyte[256];
        LeakyRelu.Eval(p, all, output);
        var real = FakeQuant.Dequantize(all, qi).Select(x => x > 0 ? x : x * alpha).ToArray();
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, qo, ActivationRange.Int8Full), output);
    }

    [Fact]
    public void LeakyReluNegativeAlphaNegatesTheMagnitudesProduct()
    {
        var q = new QuantizationParams(0.1f, 0);
        var p = LeakyReluParams.Prepare(q, q, -0.5f);
        Assert.True(p.AlphaNegative);
        Assert.Equal(5, LeakyRelu.Element(p, -10));
        Assert.Equal(10, LeakyRelu.Element(p, 10));
    }

    [Fact]
    public void PreluMatchesFakeQuantWithinOneLsb()
    {
        var rng = new Random(52);
        var (qx, qa, qy) = (new QuantizationParams(0.04f, 10), new QuantizationParams(0.02f, -4), new QuantizationParams(0.03f, -20));
        var p = PreluParams.Prepare(qx, qa, qy);
        sbyte[] x = FakeQuant.RandomInt8(rng, 500);
        sbyte[] alpha = FakeQuant.RandomInt8(rng, 500);
        var output = x.Select((v, i) => Prelu.Element(p, v, alpha[i])).ToArray();
        var real = FakeQuant.Dequantize(x, qx).Zip(FakeQuant.Dequantize(alpha, qa), (u, a) => u >= 0 ? u : u * a).ToArray();
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, qy, ActivationRange.Int8Full), output);
    }

    [Theory]
    [InlineData(0.05f, -7)]
    [InlineData(0.02f, 0)]
    [InlineData(0.1f, 40)]
    [InlineData(0.004f, -128)]
    public void TanhMatchesFloatWithinOneLsbAndIsExactAtTheZeroPoint(float scale, int zeroPoint)
    {
        var q = new QuantizationParams(scale, zeroPoint);
        var p = TanhParams.Prepare(q);
        var all = Enumerable.Range(-128, 256).Select(v => (sbyte)v).ToArray();
        var output = new sbyte[256];
        Tanh.Eval(p, all, output);
        var real = FakeQuant.Dequantize(all, q).Select(Math.Tanh).ToArray();
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, TanhParams.OutputQuantization, ActivationRange.Int8Full), output);
        Assert.Equal(0, Tanh.Element(p, (sbyte)zeroPoint));
        for (var i = 1; i < 256; i++)
        {
            Assert.True(output[i] >= output[i - 1], "tanh must be monotonic");
        }
    }

    [Fact]
    public void GemmlowpTanhIsOddAndSaturates()
    {
        for (var raw = 1; raw < int.MaxValue / 2; raw += 9_999_991)
        {
            Assert.Equal(FixedPointFunctions.Tanh(raw, 4), -FixedPointFunctions.Tanh(-raw, 4));
        }

        Assert.Equal(0, FixedPointFunctions.Tanh(0, 4));
        Assert.True(FixedPointFunctions.Tanh(int.MaxValue, 4) > int.MaxValue - 100);
    }

    [Fact]
    public void NearestNeighborSourcesFollowTflmsFloatCoordinates()
    {
        int[] Sources(int input, int output, bool align, bool half) =>
            Enumerable.Range(0, output).Select(v => ResizeNearestNeighborParams.Source(v, input, output, align, half)).ToArray();
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 2, 2 }, Sources(3, 7, false, false));
        Assert.Equal(new[] { 0, 1, 1, 2, 2 }, Sources(3, 5, true, false)); // round(0.5) = 1, round(1.5) = 2: half away from zero
        Assert.Equal(new[] { 1, 3 }, Sources(4, 2, false, true));
        Assert.Equal(new[] { 0, 0 }, Sources(1, 2, true, false));
    }

    [Fact]
    public void BilinearBlendsOnTenBitCoordinatesAndRoundsHalfAwayFromZero()
    {
        var shape = new Nhwc(1, 1, 2, 2);
        var p = ResizeBilinearParams.Prepare(shape, 1, 3, alignCorners: true, halfPixelCenters: false);
        Assert.Equal(new[] { 0, 512, 1024 }, p.Columns.Scaled);
        var output = new sbyte[6];
        ResizeBilinear.Eval(p, new sbyte[] { 0, -101, 100, 0 }, output);
        Assert.Equal(new sbyte[] { 0, -101, 50, -51, 100, 0 }, output); // 50.0 stays, -50.5 rounds to -51
    }

    [Fact]
    public void BilinearHalfPixelUpsamplingClampsTheFirstNeighbour()
    {
        var p = ResizeBilinearParams.Prepare(new Nhwc(1, 1, 2, 1), 1, 4, alignCorners: false, halfPixelCenters: true);
        Assert.Equal(-256, p.Columns.Scaled[0]); // 0 * 512 + 256 - 512
        Assert.Equal(0, p.Columns.Lower[0]);
        Assert.Equal(0, p.Columns.Upper[0]);
        var output = new sbyte[4];
        ResizeBilinear.Eval(p, new sbyte[] { 40, -40 }, output);
        Assert.Equal(40, output[0]);
        Assert.Equal(-40, output[3]);
    }

    [Fact]
    public void BilinearRefusesAlignCornersWithHalfPixelCenters() =>
        Assert.Throws<QuantizationException>(() => ResizeBilinearParams.Prepare(new Nhwc(1, 2, 2, 1), 3, 3, true, true));
}
