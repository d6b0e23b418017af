namespace MicroBackbone.Runtime;

/// <summary>
/// gemmlowp's fixed-point exp, 1/(1+x) and logistic over raw int32 values (a value with I integer bits is
/// real * 2^(31 - I)), as TFLite's int8 logistic and softmax call them.
/// </summary>
internal static class GemmlowpFunctions
{
    private const int OneQ0 = int.MaxValue;

    public static int ExpOnIntervalBetweenNegativeOneQuarterAndZero(int a)
    {
        const int expMinusOneEighth = 1895147668;
        const int oneThird = 715827883;
        int x = unchecked(a + (1 << 28));
        int x2 = Mul(x, x);
        int x3 = Mul(x2, x);
        int x4 = Mul(x2, x2);
        int x4Over4 = FixedPointMath.RoundingDivideByPOT(x4, 2);
        int poly = FixedPointMath.RoundingDivideByPOT(unchecked(Mul(unchecked(x4Over4 + x3), oneThird) + x2), 1);
        return unchecked(expMinusOneEighth + Mul(expMinusOneEighth, unchecked(x + poly)));
    }

    public static int ExpOnNegativeValues(int a, int integerBits)
    {
        int fractionalBits = 31 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = oneQuarter - 1;
        int aModQuarterMinusQuarter = unchecked((a & mask) - oneQuarter);
        int result = ExpOnIntervalBetweenNegativeOneQuarterAndZero(
            integerBits > 0 ? FixedPointMath.SaturatingLeftShift(aModQuarterMinusQuarter, integerBits) : aModQuarterMinusQuarter);
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
            result = 0;
        }

        return a == 0 ? OneQ0 : result;
    }

    public static int OneOverOnePlusXForXIn01(int a)
    {
        const int oneQ2 = 1 << 29;
        const int fortyEightOverSeventeen = 1515870810;
        const int minusThirtyTwoOverSeventeen = -1010580540;
        int halfDenominator = FixedPointMath.RoundingHalfSum(a, OneQ0);
        int x = unchecked(fortyEightOverSeventeen + Mul(halfDenominator, minusThirtyTwoOverSeventeen));
        for (int i = 0; i < 3; i++)
        {
            int oneMinus = unchecked(oneQ2 - Mul(halfDenominator, x));
            x = unchecked(x + FixedPointMath.SaturatingLeftShift(Mul(x, oneMinus), 2));
        }

        return FixedPointMath.SaturatingLeftShift(x, 1);
    }

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

    public static int GetReciprocal(int x, int integerDigits, out int bitsOverUnit)
    {
        int headroomPlusOne = System.Numerics.BitOperations.LeadingZeroCount((uint)x);
        bitsOverUnit = integerDigits - headroomPlusOne;
        int shiftedMinusOne = unchecked((int)(((uint)x << headroomPlusOne) - (1u << 31)));
        return OneOverOnePlusXForXIn01(shiftedMinusOne);
    }

    private static int Mul(int a, int b) => FixedPointMath.SaturatingRoundingDoublingHighMul(a, b);

    private static int Barrel(int result, int remainder, int integerBits, int fractionalBits, int exponent, int multiplier)
    {
        if (integerBits <= exponent)
        {
            return result;
        }

        return (remainder & (1 << (fractionalBits + exponent))) != 0 ? Mul(result, multiplier) : result;
    }
}
