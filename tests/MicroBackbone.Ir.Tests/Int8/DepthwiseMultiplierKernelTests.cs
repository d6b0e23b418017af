using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

/// <summary>
/// The depth multiplier of <see cref="DepthwiseConv2D"/>: output channel o = c * m + j reads input channel c, so a
/// multiplier-m convolution equals a multiplier-1 convolution over the input with each channel repeated m times
/// (same weights, biases and multipliers per output channel). Arithmetic itself is checked against TFLite Micro by
/// the oracle cases; this pins the channel addressing.
/// </summary>
public class DepthwiseMultiplierKernelTests
{
    [Theory]
    [InlineData(1, 8, 3, 1, 1, 1)]
    [InlineData(3, 2, 3, 2, 1, 1)]
    [InlineData(2, 8, 5, 1, 2, 2)]
    [InlineData(4, 2, 3, 2, 2, 3)]
    public void Multiplier_equals_repeating_each_input_channel(int channels, int multiplier, int k, int stride, int dilationH, int dilationW)
    {
        var rng = new Random(channels * 100 + multiplier);
        var inShape = new Nhwc(1, 9, 7, channels);
        var outChannels = channels * multiplier;
        var pad = (k - 1) * dilationH / 2;
        var window = new Window2D(k, k, stride, stride, dilationH, dilationW, pad, pad, pad, pad);
        var inQ = new QuantizationParams(0.05f, -17);
        var outQ = new QuantizationParams(0.2f, 9);
        var scales = Enumerable.Range(0, outChannels).Select(o => 0.005f + (0.001f * o)).ToArray();
        var weights = Enumerable.Range(0, k * k * outChannels).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var bias = Enumerable.Range(0, outChannels).Select(_ => rng.Next(-3000, 3000)).ToArray();
        var input = Enumerable.Range(0, inShape.ElementCount).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();

        var p = DepthwiseConv2DParams.Prepare(inShape, window, inQ, scales, outQ, FusedActivation.None, multiplier);
        Assert.Equal(outChannels, p.Output.Channels);
        var output = new sbyte[p.Output.ElementCount];
        DepthwiseConv2D.Eval(p, input, weights, bias, output);

        var repeatedShape = new Nhwc(1, 9, 7, outChannels);
        var repeated = new sbyte[repeatedShape.ElementCount];
        for (var i = 0; i < repeated.Length; i++)
        {
            repeated[i] = input[(i / outChannels * channels) + (i % outChannels / multiplier)];
        }

        var p1 = DepthwiseConv2DParams.Prepare(repeatedShape, window, inQ, scales, outQ, FusedActivation.None);
        var expected = new sbyte[p1.Output.ElementCount];
        DepthwiseConv2D.Eval(p1, repeated, weights, bias, expected);
        Assert.Equal(expected, output);
        Assert.True(output.Distinct().Count() > 10);
    }

    [Fact]
    public void Multiplier_below_one_is_rejected()
    {
        var error = Assert.Throws<QuantizationException>(() => DepthwiseConv2DParams.Prepare(new Nhwc(1, 2, 2, 2), new Window2D(1, 1),
            new QuantizationParams(0.1f, 0), new[] { 0.1f }, new QuantizationParams(0.1f, 0), FusedActivation.None, 0));
        Assert.Contains("depth multiplier 0", error.Message);
    }
}
