using System.Runtime.Intrinsics;
using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Runtime.Tests;

public class FixedPointMathTests
{
    private static readonly int[] EdgeValues =
    {
        0, 1, -1, 2, -2, 3, -3, int.MaxValue, int.MinValue, int.MaxValue - 1, int.MinValue + 1, 1 << 30, -(1 << 30),
        (1 << 30) + 1, -(1 << 30) - 1, 1 << 29, 12345678, -12345678, 1 << 16, -(1 << 16), 0x7FFF, -0x8000,
    };

    private static IEnumerable<(int A, int B)> Pairs()
    {
        foreach (int a in EdgeValues)
        {
            foreach (int b in EdgeValues)
            {
                yield return (a, b);
            }
        }

        var random = new Random(11);
        for (int i = 0; i < 20000; i++)
        {
            yield return (random.Next(int.MinValue, int.MaxValue), random.Next(int.MinValue, int.MaxValue));
        }
    }

    [Fact]
    public void ScalarPrimitivesMatchReference()
    {
        foreach ((int a, int b) in Pairs())
        {
            Assert.Equal(FixedPoint.SaturatingRoundingDoublingHighMul(a, b), FixedPointMath.SaturatingRoundingDoublingHighMul(a, b));
            int exponent = (int)((uint)b % 32);
            Assert.Equal(FixedPoint.RoundingDivideByPOT(a, exponent), FixedPointMath.RoundingDivideByPOT(a, exponent));
            int shift = (int)((uint)b % 40) - 31;
            Assert.Equal(FixedPoint.MultiplyByQuantizedMultiplier(a, b, shift), FixedPointMath.MultiplyByQuantizedMultiplier(a, b, shift));
        }
    }

    [Fact]
    public void VectorPrimitivesMatchScalar()
    {
        var pairs = Pairs().ToArray();
        for (int i = 0; i + 8 <= pairs.Length; i += 8)
        {
            int[] a = pairs.Skip(i).Take(8).Select(p => p.A).ToArray();
            int[] b = pairs.Skip(i).Take(8).Select(p => p.B).ToArray();
            int[] shifts = b.Select(v => (int)((uint)v % 40) - 31).ToArray();
            int exponent = (int)((uint)b[0] % 32);
            Vector256<int> va = Vector256.Create(a);
            Vector256<int> vb = Vector256.Create(b);
            Vector256<int> vs = Vector256.Create(shifts);
            Vector256<int> srdhm = FixedPointVector.SaturatingRoundingDoublingHighMul(va, vb);
            Vector128<int> srdhm128 = FixedPointVector.SaturatingRoundingDoublingHighMul(va.GetLower(), vb.GetLower());
            Vector256<int> rdbp = FixedPointVector.RoundingDivideByPOT(va, exponent);
            Vector128<int> rdbp128 = FixedPointVector.RoundingDivideByPOT(va.GetLower(), exponent);
            Vector256<int> perLane = FixedPointVector.MultiplyByQuantizedMultiplier(va, vb, vs);
            Vector128<int> perLane128 = FixedPointVector.MultiplyByQuantizedMultiplier(va.GetLower(), vb.GetLower(), vs.GetLower());
            Vector256<int> uniform = FixedPointVector.MultiplyByQuantizedMultiplier(va, b[0], shifts[0]);
            Vector128<int> uniform128 = FixedPointVector.MultiplyByQuantizedMultiplier(va.GetLower(), b[0], shifts[0]);
            for (int lane = 0; lane < 8; lane++)
            {
                int expectedSrdhm = FixedPointMath.SaturatingRoundingDoublingHighMul(a[lane], b[lane]);
                int expectedRdbp = FixedPointMath.RoundingDivideByPOT(a[lane], exponent);
                int expectedPerLane = FixedPointMath.MultiplyByQuantizedMultiplier(a[lane], b[lane], shifts[lane]);
                int expectedUniform = FixedPointMath.MultiplyByQuantizedMultiplier(a[lane], b[0], shifts[0]);
                Assert.Equal(expectedSrdhm, srdhm.GetElement(lane));
                Assert.Equal(expectedRdbp, rdbp.GetElement(lane));
                Assert.Equal(expectedPerLane, perLane.GetElement(lane));
                Assert.Equal(expectedUniform, uniform.GetElement(lane));
                if (lane < 4)
                {
                    Assert.Equal(expectedSrdhm, srdhm128.GetElement(lane));
                    Assert.Equal(expectedRdbp, rdbp128.GetElement(lane));
                    Assert.Equal(expectedPerLane, perLane128.GetElement(lane));
                    Assert.Equal(expectedUniform, uniform128.GetElement(lane));
                }
            }
        }
    }

    [Fact]
    public void SaturatingCaseAndTiesFollowTheContract()
    {
        Assert.Equal(int.MaxValue, FixedPointMath.SaturatingRoundingDoublingHighMul(int.MinValue, int.MinValue));
        Assert.Equal(1, FixedPointMath.SaturatingRoundingDoublingHighMul(1, 1 << 30));
        Assert.Equal(0, FixedPointMath.SaturatingRoundingDoublingHighMul(-1, 1 << 30));
        Assert.Equal(int.MaxValue, FixedPointVector.SaturatingRoundingDoublingHighMul(Vector128.Create(int.MinValue), Vector128.Create(int.MinValue)).GetElement(2));
        Assert.Equal(-2, FixedPointMath.RoundingDivideByPOT(-3, 1));
        Assert.Equal(-1, FixedPointMath.RoundingDivideByPOT(-5, 2));
    }
}
