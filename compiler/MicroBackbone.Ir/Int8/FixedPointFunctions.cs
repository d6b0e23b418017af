namespace MicroBackbone.Ir.Int8;

/// <summary>
/// gemmlowp's fixed-point transcendental functions (fixedpoint/fixedpoint.h) that TFLite's int8 logistic and softmax
/// call, written over raw int32 values. A value with I integer bits has raw = real * 2^(31 - I). "One" with 0 integer
/// bits is int.MaxValue. Additions wrap, products are <see cref="FixedPoint.SaturatingRoundingDoublingHighMul(int, int)"/>.
/// </summary>
public static class FixedPointFunctions
{
    private const int OneQ0 = int.MaxValue;

    /// <summary>exp(a) for a in [-1/4, 0), a and result with 0 integer bits (Taylor series around -1/8).</summary>
    public static int ExpOnIntervalBetweenNegativeOneQuarterAndZero(int a)
    {
        const int expMinusOneEighth = 1895147668;
        const int oneThird = 715827883;
        int x = unchecked(a + (1 << 28));
        int x2 = Mul(x, x);
        int x3 = Mul(x2, x);
        int x4 = Mul(x2, x2);
        int x4Over4 = FixedPoint.RoundingDivideByPOT(x4, 2);
        int poly = FixedPoint.RoundingDivideByPOT(unchecked(Mul(unchecked(x4Over4 + x3), oneThird) + x2), 1);
        return unchecked(expMinusOneEighth + Mul(expMinusOneEighth, unchecked(x + poly)));
    }

    /// <summary>
    /// exp(a) for a &lt;= 0 given with <paramref name="integerBits"/> integer bits; result has 0 integer bits.
    /// Splits a into a multiple of 1/4 (handled by a barrel of exp(-2^k) constants) and a remainder in [-1/4, 0).
    /// </summary>
    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        int fractionalBits = 31 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = oneQuarter - 1;
        int aModQuarterMinusQuarter = unchecked((a & mask) - oneQuarter);
        int result = ExpOnIntervalBetweenNegativeOneQuarterAndZero(
            integerBits > 0 ? FixedPoint.SaturatingLeftShift(aModQuarterMinusQuarter, integerBits) : aModQuarterMinusQuarter);
        int remainder = unchecked(aModQuarterMinusQuarter - a);

        result = Barrel(result, remainder, integerBits, fractionalBits, -2, 1672461947);
        result = Barrel(result, remainder, integerBits, fractionalBits, -1, 1302514674);
        result = Barrel(result, remainder, integerBits, fractionalBits, 0, 790015084);
        result = Barrel(result, remainder, integerBits, fractionalBits, 1, 290630308);
        result = Barrel(result, remainder, integerBits, fractionalBits, 2, 39332535);
        result = Barrel(result, remainder, integerBits, fractionalBits, 3, 720401);
        result = Barrel(result, remainder, integerBits, fractionalBits, 4, 242);

        if (integerBits > 5 && a < -(1 << (36 - integerBits)))
        {
            // Below -32 the result underflows; gemmlowp forces an exact zero.
            result = 0;
        }

        return a == 0 ? OneQ0 : result;
    }

    /// <summary>1 / (1 + a) for a in [0, 1) with 0 integer bits (three Newton-Raphson steps from 48/17 - 32/17 d).</summary>
    public static int OneOverOnePlusXForXIn01(int a)
    {
        const int oneQ2 = 1 << 29;
        const int fortyEightOverSeventeen = 1515870810;
        const int minusThirtyTwoOverSeventeen = -1010580540;
        int halfDenominator = FixedPoint.RoundingHalfSum(a, OneQ0);
        int x = unchecked(fortyEightOverSeventeen + Mul(halfDenominator, minusThirtyTwoOverSeventeen));
        for (int i = 0; i < 3; i++)
        {
            int halfDenominatorTimesX = Mul(halfDenominator, x);
            int oneMinus = unchecked(oneQ2 - halfDenominatorTimesX);
            x = unchecked(x + FixedPoint.SaturatingLeftShift(Mul(x, oneMinus), 2));
        }

        return FixedPoint.SaturatingLeftShift(x, 1);
    }

    /// <summary>1 / (1 + exp(-a)) for any a with <paramref name="integerBits"/> integer bits; result has 0 integer bits.</summary>
    public static int Logistic(int a, int integerBits)
    {
        if (a == 0)
        {
            return 1 << 30;
        }

        int absolute = a > 0 ? a : unchecked(-a);
        int positive = OneOverOnePlusXForXIn01(ExpOnNegativeValues(unchecked(-absolute), integerBits));
        return a > 0 ? positive : unchecked(OneQ0 - positive);
    }

    /// <summary>(1 - a) / (1 + a) for a in [0, 1) with 0 integer bits (Newton-Raphson as in <see cref="OneOverOnePlusXForXIn01"/>).</summary>
    public static int OneMinusXOverOnePlusXForXIn01(int a)
    {
        const int oneQ2 = 1 << 29;
        const int fortyEightOverSeventeen = 1515870810;
        const int minusThirtyTwoOverSeventeen = -1010580540;
        int halfDenominator = FixedPoint.RoundingHalfSum(a, OneQ0);
        int x = unchecked(fortyEightOverSeventeen + Mul(halfDenominator, minusThirtyTwoOverSeventeen));
        for (int i = 0; i < 3; i++)
        {
            int halfDenominatorTimesX = Mul(halfDenominator, x);
            int oneMinus = unchecked(oneQ2 - halfDenominatorTimesX);
            x = unchecked(x + FixedPoint.SaturatingLeftShift(Mul(x, oneMinus), 2));
        }

        return FixedPoint.SaturatingLeftShift(unchecked(x - oneQ2), 2);
    }

    /// <summary>
    /// gemmlowp's tanh for any a with <paramref name="integerBits"/> integer bits; result has 0 integer bits:
    /// -tanh(n) for n = -|a| is (1 - e) / (1 + e) with e = exp(2n), where 2n is n's raw value read with one more
    /// integer bit; the sign is restored after, and 0 maps to exactly 0.
    /// </summary>
    public static int Tanh(int a, int integerBits)
    {
        if (a == 0)
        {
            return 0;
        }

        int negative = a < 0 ? a : unchecked(-a);
        int t = OneMinusXOverOnePlusXForXIn01(ExpOnNegativeValues(negative, integerBits + 1));
        return a < 0 ? unchecked(-t) : t;
    }

    /// <summary>
    /// TFLite's GetReciprocal (common.h): for a positive x with <paramref name="integerDigits"/> integer bits returns
    /// 1/x as a 0-integer-bit significand and the number of bits x has above 1.0, so 1/x = result * 2^-bitsOverUnit.
    /// </summary>
    public static int GetReciprocal(int x, int integerDigits, out int bitsOverUnit)
    {
        int headroomPlusOne = CountLeadingZeros((uint)x);
        bitsOverUnit = integerDigits - headroomPlusOne;
        int shiftedMinusOne = unchecked((int)(((uint)x << headroomPlusOne) - (1u << 31)));
        return OneOverOnePlusXForXIn01(shiftedMinusOne);
    }

    internal static int CountLeadingZeros(uint value)
    {
        if (value == 0)
        {
            return 32;
        }

        int count = 0;
        while ((value & 0x80000000u) == 0)
        {
            value <<= 1;
            count++;
        }

        return count;
    }

    private static int Mul(int a, int b) => FixedPoint.SaturatingRoundingDoublingHighMul(a, b);

    private static int Barrel(int result, int remainder, int integerBits, int fractionalBits, int exponent, int multiplier)
    {
        if (integerBits <= exponent)
        {
            return result;
        }

        int bit = 1 << (fractionalBits + exponent);
        return (remainder & bit) != 0 ? Mul(result, multiplier) : result;
    }
}
