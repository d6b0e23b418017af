using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Ir.Tests.Int8;

public class QuantizedMultiplierTests
{
    [Theory]
    [InlineData(0.0, 0, 0)]
    [InlineData(0.5, 1 << 30, 0)]
    [InlineData(1.0, 1 << 30, 1)]
    [InlineData(0.75, 3 << 29, 0)]
    [InlineData(3.0, 3 << 29, 2)]
    [InlineData(0.3, 1288490189, -1)]
    [InlineData(1.7, 1825361101, 1)]
    [InlineData(123.456, 2071247978, 7)]
    [InlineData(0.0001, 1759218604, -13)]
    [InlineData(1e-9, 1152921505, -29)]
    public void MatchesTfliteQuantizeMultiplier(double real, int multiplier, int shift)
    {
        var m = QuantizedMultiplier.FromDouble(real);
        Assert.Equal(new QuantizedMultiplier(multiplier, shift), m);
    }

    [Fact]
    public void SignificandRoundingUpTo2Pow31BumpsTheShift()
    {
        // frexp(1 - 2^-53) = (1 - 2^-53, 0); scaled by 2^31 it rounds to exactly 2^31, which does not fit.
        double justBelowOne = 1.0 - Math.Pow(2, -53);
        Assert.Equal(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.FromDouble(justBelowOne));
        double justBelowHalf = 0.5 - Math.Pow(2, -40);
        Assert.Equal(new QuantizedMultiplier(1 << 30, 0), QuantizedMultiplier.FromDouble(justBelowHalf));
    }

    [Fact]
    public void TinyMultipliersFlushToZero()
    {
        Assert.Equal(new QuantizedMultiplier(0, 0), QuantizedMultiplier.FromDouble(1e-10));
        Assert.Equal(new QuantizedMultiplier(0, 0), QuantizedMultiplier.FromDouble(Math.Pow(2, -33)));
        Assert.Equal(new QuantizedMultiplier(0, 0), QuantizedMultiplier.FromDouble(1e-310)); // subnormal
        Assert.Equal(new QuantizedMultiplier(1 << 30, -31), QuantizedMultiplier.FromDouble(Math.Pow(2, -32)));
        Assert.Equal(new QuantizedMultiplier(1 << 30, -30), QuantizedMultiplier.FromDouble(Math.Pow(2, -31)));
    }

    [Fact]
    public void RoundTripIsWithinHalfAnUlpOfTheSignificand()
    {
        var rng = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            double real = Math.Exp((rng.NextDouble() * 30) - 20);
            var m = QuantizedMultiplier.FromDouble(real);
            Assert.InRange(m.Multiplier, 1 << 30, int.MaxValue);
            Assert.True(Math.Abs(m.ToDouble() - real) <= real * Math.Pow(2, -30), $"{real} -> {m}");
        }
    }

    [Fact]
    public void SmallerThanOneAndGreaterThanOneEnforceTheirRanges()
    {
        Assert.Equal(new QuantizedMultiplier(1 << 30, -1), QuantizedMultiplier.FromDoubleSmallerThanOne(0.25));
        Assert.Throws<QuantizationException>(() => QuantizedMultiplier.FromDoubleSmallerThanOne(1.0));
        Assert.Throws<QuantizationException>(() => QuantizedMultiplier.FromDoubleSmallerThanOne(0.0));
        Assert.Throws<QuantizationException>(() => QuantizedMultiplier.FromDoubleSmallerThanOne(1.0 - Math.Pow(2, -53)));
        Assert.Equal(new QuantizedMultiplier(1 << 30, 2), QuantizedMultiplier.FromDoubleGreaterThanOne(2.0));
        Assert.Throws<QuantizationException>(() => QuantizedMultiplier.FromDoubleGreaterThanOne(0.5));
    }

    [Fact]
    public void FrExpSplitsLikeC()
    {
        Assert.Equal(0.5, QuantizedMultiplier.FrExp(1.0, out int e1));
        Assert.Equal(1, e1);
        Assert.Equal(-0.75, QuantizedMultiplier.FrExp(-3.0, out int e2));
        Assert.Equal(2, e2);
        Assert.Equal(0.5, QuantizedMultiplier.FrExp(double.Epsilon, out int e3));
        Assert.Equal(-1073, e3);
    }
}
