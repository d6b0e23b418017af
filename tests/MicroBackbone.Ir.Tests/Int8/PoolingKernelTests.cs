using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

public class PoolingKernelTests
{
    private static readonly QuantizationParams Q = new(0.1f, 4);

    [Theory]
    [InlineData(new sbyte[] { 1, 2, 2, 2 }, 2)]     // 1.75
    [InlineData(new sbyte[] { 1, 1, 2, 2 }, 2)]     // 1.5 rounds away from zero
    [InlineData(new sbyte[] { -1, -1, -2, -2 }, -2)] // -1.5 rounds away from zero
    [InlineData(new sbyte[] { -1, -2, -2, -2 }, -2)] // -1.75
    [InlineData(new sbyte[] { 1, 0, 0, 0 }, 0)]     // 0.25
    [InlineData(new sbyte[] { -1, -1, 0, 0 }, -1)]  // -0.5
    [InlineData(new sbyte[] { 127, 127, 127, 126 }, 127)]
    public void AveragePoolRoundsHalfAwayFromZero(sbyte[] window, int expected)
    {
        var p = Pool2DParams.Prepare(new Nhwc(1, 2, 2, 1), new Window2D(2, 2, 2, 2), Q, Q, FusedActivation.None);
        var output = new sbyte[1];
        AveragePool2D.Eval(p, window, output);
        Assert.Equal(expected, output[0]);
    }

    [Fact]
    public void AveragePoolDividesByInBoundsTapsOnly()
    {
        // 3x3 window with padding 1 at the corner of a 2x2 input sees 4 real values.
        var p = Pool2DParams.Prepare(new Nhwc(1, 2, 2, 1), new Window2D(3, 3, 1, 1, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1), Q, Q, FusedActivation.None);
        var output = new sbyte[4];
        AveragePool2D.Eval(p, new sbyte[] { 10, 20, 30, 41 }, output);
        Assert.Equal(new sbyte[] { 25, 25, 25, 25 }, output); // 101 / 4 = 25.25
    }

    [Fact]
    public void AveragePoolMatchesFakeQuantWithinOneLsb()
    {
        var rng = new Random(51);
        var shape = new Nhwc(1, 9, 9, 3);
        sbyte[] input = FakeQuant.RandomInt8(rng, shape.ElementCount);
        var window = new Window2D(3, 3, 2, 2, 1, 1, 1, 1, 1, 1);
        var p = Pool2DParams.Prepare(shape, window, Q, Q, FusedActivation.Relu);
        var output = new sbyte[p.Output.ElementCount];
        AveragePool2D.Eval(p, input, output);
        double[] x = FakeQuant.Dequantize(input, Q);
        var real = new double[output.Length];
        for (int y = 0; y < p.Output.Height; y++)
            for (int xx = 0; xx < p.Output.Width; xx++)
                for (int c = 0; c < 3; c++)
                {
                    double sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < 3; ky++)
                        for (int kx = 0; kx < 3; kx++)
                        {
                            int iy = (y * 2) - 1 + ky, ix = (xx * 2) - 1 + kx;
                            if (iy >= 0 && iy < 9 && ix >= 0 && ix < 9)
                            {
                                sum += x[shape.Offset(0, iy, ix, c)];
                                count++;
                            }
                        }

                    real[p.Output.Offset(0, y, xx, c)] = sum / count;
                }

        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, Q, p.Clamp), output);
    }

    [Fact]
    public void MaxPoolTakesTheWindowMaximumAndClamps()
    {
        var p = Pool2DParams.Prepare(new Nhwc(1, 2, 4, 1), new Window2D(2, 2, 2, 2), Q, Q, FusedActivation.Relu);
        var output = new sbyte[2];
        MaxPool2D.Eval(p, new sbyte[] { -50, -7, 3, 9, -20, -30, 100, 2 }, output);
        Assert.Equal(4, p.Clamp.Min); // relu floor is the zero point
        Assert.Equal(new sbyte[] { 4, 100 }, output);
    }

    [Fact]
    public void PoolingRejectsRescaling() =>
        Assert.Throws<QuantizationException>(() => Pool2DParams.Prepare(new Nhwc(1, 2, 2, 1), new Window2D(2, 2), Q, new QuantizationParams(0.2f, 4), FusedActivation.None));

    [Theory]
    [InlineData(0.05f, 10, 0.05f, 10)]
    [InlineData(0.05f, -20, 0.01f, 3)]
    [InlineData(0.2f, 0, 0.9f, -100)]
    public void MeanMatchesFakeQuantWithinOneLsb(float inScale, int inZp, float outScale, int outZp)
    {
        var rng = new Random(53);
        var shape = new Nhwc(2, 7, 5, 4);
        var inQ = new QuantizationParams(inScale, inZp);
        var outQ = new QuantizationParams(outScale, outZp);
        sbyte[] input = FakeQuant.RandomInt8(rng, shape.ElementCount);
        var p = MeanParams.Prepare(shape, inQ, outQ);
        var output = new sbyte[2 * 4];
        Mean.Eval(p, input, output);
        double[] x = FakeQuant.Dequantize(input, inQ);
        var real = new double[8];
        for (int n = 0; n < 2; n++)
            for (int c = 0; c < 4; c++)
            {
                double sum = 0;
                for (int h = 0; h < 7; h++)
                    for (int w = 0; w < 5; w++)
                    {
                        sum += x[shape.Offset(n, h, w, c)];
                    }

                real[(n * 4) + c] = sum / 35;
            }

        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, outQ, ActivationRange.Int8Full), output);
    }

    [Fact]
    public void MeanFoldsTheCountIntoTheMultiplier()
    {
        // in/out = 1 -> (2^30, 1); n = 4 -> s = 2: (2^32 / 4, 1 - 2) = (2^30, -1), i.e. exactly 1/4.
        var p = MeanParams.Prepare(new Nhwc(1, 2, 2, 1), Q, Q);
        Assert.Equal(new QuantizedMultiplier(1 << 30, -1), p.Multiplier);
        var output = new sbyte[1];
        Mean.Eval(p, new sbyte[] { 4, 5, 5, 5 }, output); // (0 + 1 + 1 + 1) / 4 = 0.75 -> 1, + zp 4
        Assert.Equal(5, output[0]);
    }
}
