using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Ir.Tests.Int8;

public class QuantizationMathTests
{
    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void WeightsThatAreNotFiniteAreRefusedNotZeroed(float bad)
    {
        var error = Assert.Throws<QuantizationException>(() => QuantizationMath.QuantizeWeightsPerChannel(new[] { 0.5f, 1f, bad, 2f }, 2));
        Assert.Equal($"weight 2 (output channel 1) is {bad}; weights must be finite numbers", error.Message);
    }

    [Fact]
    public void ActivationRangeIsWidenedToIncludeZero()
    {
        var p = QuantizationMath.ChooseActivationParams(1.0, 3.0); // becomes [0, 3]
        Assert.Equal((float)(3.0 / 255), p.Scale);
        Assert.Equal(-128, p.ZeroPoint);
        Assert.Equal(0f, p.Dequantize((sbyte)p.ZeroPoint));
    }

    [Fact]
    public void SymmetricRangeGetsZeroPointNearZero()
    {
        var p = QuantizationMath.ChooseActivationParams(-1.0, 1.0);
        Assert.Equal((float)(2.0 / 255), p.Scale);
        Assert.Equal(-1, p.ZeroPoint); // both ends give -0.5, which rounds away from zero
    }

    [Fact]
    public void AllZeroRangeIsRepresentable()
    {
        var p = QuantizationMath.ChooseActivationParams(0, 0);
        Assert.Equal(0, p.Quantize(0f) - p.ZeroPoint);
    }

    [Fact]
    public void WeightsArePerChannelSymmetricIn127()
    {
        // Two output channels of 3 (OHWI-like, channel outermost).
        var w = QuantizationMath.QuantizeWeightsPerChannel(new[] { 1f, -0.5f, 0.25f, 0f, 0f, 0f }, 2);
        Assert.Equal(new[] { 1f / 127f, 1f }, w.Scales);
        Assert.Equal(new sbyte[] { 127, -64, 32, 0, 0, 0 }, w.Values); // -63.5 -> -64, 31.75 -> 32
        var dw = QuantizationMath.QuantizeWeightsPerChannel(new[] { 2f, -4f, -2f, 1f }, 2, channelInnermost: true);
        Assert.Equal(new[] { 2f / 127f, 4f / 127f }, dw.Scales);
        Assert.Equal(new sbyte[] { 127, -127, -127, 32 }, dw.Values);
    }

    [Fact]
    public void BiasUsesInputTimesWeightScale()
    {
        int[] b = QuantizationMath.QuantizeBias(new[] { 1f, -0.0075f }, 0.01f, new[] { 0.5f, 0.001f });
        Assert.Equal(new[] { 200, -750 }, b);
    }

    [Fact]
    public void FusedActivationRangesQuantizeTheirBounds()
    {
        var q = new QuantizationParams(0.05f, -10);
        Assert.Equal(-128, ActivationRange.For(FusedActivation.None, q).Min);
        Assert.Equal(-10, ActivationRange.For(FusedActivation.Relu, q).Min);
        var relu6 = ActivationRange.For(FusedActivation.Relu6, q);
        Assert.Equal((-10, 110), (relu6.Min, relu6.Max));
        var n1 = ActivationRange.For(FusedActivation.ReluN1To1, q);
        Assert.Equal((-30, 10), (n1.Min, n1.Max));
    }

    [Fact]
    public void BadParametersAreUserErrors()
    {
        Assert.Throws<QuantizationException>(() => new QuantizationParams(0f, 0));
        Assert.Throws<QuantizationException>(() => new QuantizationParams(1f, 128));
        Assert.Throws<QuantizationException>(() => QuantizationMath.ChooseActivationParams(2, 1));
    }
}
