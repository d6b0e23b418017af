using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Ir.Tests.Int8;

public class FixedPointFunctionsTests
{
    [Fact]
    public void ExpOnNegativeValuesIsAccurate()
    {
        for (double x = -15.9; x <= 0; x += 0.137)
        {
            int raw = (int)Math.Round(x * (1 << 26)); // Q5.26
            double y = FixedPointFunctions.ExpOnNegativeValues(raw, 5) / 2147483648.0;
            Assert.True(Math.Abs(y - Math.Exp(raw / (double)(1 << 26))) < 1e-6, $"exp({x}) = {y}");
        }

        Assert.Equal(int.MaxValue, FixedPointFunctions.ExpOnNegativeValues(0, 5));
    }

    [Fact]
    public void LogisticIsAccurateAndHalfAtZero()
    {
        Assert.Equal(1 << 30, FixedPointFunctions.Logistic(0, 4));
        for (double x = -7.9; x < 8; x += 0.31)
        {
            int raw = (int)Math.Round(x * (1 << 27)); // Q4.27
            double y = FixedPointFunctions.Logistic(raw, 4) / 2147483648.0;
            Assert.True(Math.Abs(y - (1 / (1 + Math.Exp(-raw / (double)(1 << 27))))) < 1e-6, $"logistic({x}) = {y}");
        }
    }

    [Fact]
    public void ReciprocalReturnsSignificandAndExponent()
    {
        // 3.0 in Q12.19 has 1 bit above 1.0 after normalising to 1.5: 1/3 = (2/3) * 2^-1.
        int r = FixedPointFunctions.GetReciprocal(3 << 19, 12, out int bits);
        Assert.Equal(1, bits);
        Assert.True(Math.Abs((r / 2147483648.0) - (2.0 / 3)) < 1e-8, $"{r}");
    }
}
