using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Ir.Tests.Int8;

public class FixedPointTests
{
    [Fact]
    public void DoublingHighMulSaturatesTheOnlyOverflow()
    {
        Assert.Equal(int.MaxValue, FixedPoint.SaturatingRoundingDoublingHighMul(int.MinValue, int.MinValue));
        Assert.Equal(int.MinValue + 1, FixedPoint.SaturatingRoundingDoublingHighMul(int.MinValue, int.MaxValue));
    }

    [Theory]
    [InlineData(1 << 30, 1 << 30, 1 << 29)] // 0.5 * 0.5 = 0.25
    [InlineData(1, 1 << 30, 1)]             // +0.5 rounds up
    [InlineData(-1, 1 << 30, 0)]            // -0.5 rounds up too (VQRDMULH nudge)
    [InlineData(3, 1 << 30, 2)]             // 1.5 -> 2
    [InlineData(-3, 1 << 30, -1)]           // -1.5 -> -1
    [InlineData(100, 1 << 30, 50)]
    public void DoublingHighMulRoundsLikeVqrdmulh(int a, int b, int expected) =>
        Assert.Equal(expected, FixedPoint.SaturatingRoundingDoublingHighMul(a, b));

    [Theory]
    [InlineData(3, 1, 2)]
    [InlineData(-3, 1, -2)]
    [InlineData(-5, 2, -1)]
    [InlineData(5, 2, 1)]
    [InlineData(6, 2, 2)]
    [InlineData(-6, 2, -2)]
    [InlineData(2, 2, 1)]
    [InlineData(-2, 2, -1)]
    [InlineData(-7, 2, -2)]
    [InlineData(-1, 1, -1)]
    [InlineData(1, 1, 1)]
    [InlineData(42, 0, 42)]
    [InlineData(int.MinValue, 31, -1)]
    [InlineData(int.MaxValue, 31, 1)]
    public void RoundingDivideByPotRoundsHalfAwayFromZero(int x, int exponent, int expected) =>
        Assert.Equal(expected, FixedPoint.RoundingDivideByPOT(x, exponent));

    [Fact]
    public void RoundingDivideByPotMatchesExactRationalRounding()
    {
        for (int x = -300; x <= 300; x++)
        {
            for (int e = 0; e <= 5; e++)
            {
                double exact = x / Math.Pow(2, e);
                int expected = (int)Math.Round(exact, MidpointRounding.AwayFromZero);
                Assert.Equal(expected, FixedPoint.RoundingDivideByPOT(x, e));
            }
        }
    }

    [Fact]
    public void Int16VariantsMatchInt32Semantics()
    {
        Assert.Equal(short.MaxValue, FixedPoint.SaturatingRoundingDoublingHighMul(short.MinValue, short.MinValue));
        Assert.Equal((short)1, FixedPoint.SaturatingRoundingDoublingHighMul((short)1, (short)(1 << 14)));
        Assert.Equal((short)0, FixedPoint.SaturatingRoundingDoublingHighMul((short)-1, (short)(1 << 14)));
        Assert.Equal((short)-2, FixedPoint.RoundingDivideByPOT((short)-3, 1));
        Assert.Equal((short)-1, FixedPoint.RoundingDivideByPOT((short)-5, 2));
    }

    [Fact]
    public void MultiplyByQuantizedMultiplierAppliesLeftAndRightShifts()
    {
        // 0.75 = (3 << 29) * 2^(0 - 31); 3.0 adds a left shift of 2; 0.1875 a right shift of 2.
        Assert.Equal(75, FixedPoint.MultiplyByQuantizedMultiplier(100, 3 << 29, 0));
        Assert.Equal(300, FixedPoint.MultiplyByQuantizedMultiplier(100, 3 << 29, 2));
        Assert.Equal(19, FixedPoint.MultiplyByQuantizedMultiplier(100, 3 << 29, -2)); // 18.75
        Assert.Equal(-19, FixedPoint.MultiplyByQuantizedMultiplier(-100, 3 << 29, -2));
        Assert.Equal(-1, FixedPoint.MultiplyByQuantizedMultiplier(-3, 1 << 30, 0)); // -1.5: the high multiply rounds ties up
    }

    [Fact]
    public void SaturatingLeftShiftClamps()
    {
        Assert.Equal(int.MaxValue, FixedPoint.SaturatingLeftShift(1 << 29, 2));
        Assert.Equal(int.MinValue, FixedPoint.SaturatingLeftShift(-(1 << 29) - 1, 2));
        Assert.Equal(1 << 30, FixedPoint.SaturatingLeftShift(1 << 28, 2));
    }
}
