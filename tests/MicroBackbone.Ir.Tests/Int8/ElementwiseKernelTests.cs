using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Ir.Tests.Int8;

public class ElementwiseKernelTests
{
    [Theory]
    [InlineData(0.05f, 3, 0.02f, -10, FusedActivation.None)]
    [InlineData(0.01f, -128, 0.01f, -128, FusedActivation.Relu)]
    [InlineData(0.1f, 0, 0.003f, 50, FusedActivation.Relu6)]
    public void AddMatchesFakeQuantWithinOneLsb(float s1, int z1, float s2, int z2, FusedActivation act)
    {
        var rng = new Random(41);
        var q1 = new QuantizationParams(s1, z1);
        var q2 = new QuantizationParams(s2, z2);
        sbyte[] a = FakeQuant.RandomInt8(rng, 500);
        sbyte[] b = FakeQuant.RandomInt8(rng, 500);
        double[] xa = FakeQuant.Dequantize(a, q1);
        double[] xb = FakeQuant.Dequantize(b, q2);
        double[] real = xa.Zip(xb, (u, v) => u + v).ToArray();
        var outQ = FakeQuant.ParamsCovering(real);
        var p = AddParams.Prepare(q1, q2, outQ, act);
        var output = new sbyte[500];
        Add.Eval(p, a, b, output);
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, outQ, p.Clamp), output);
    }

    [Fact]
    public void AddOfZeroPointsIsTheOutputZeroPoint()
    {
        var p = AddParams.Prepare(new QuantizationParams(0.05f, 7), new QuantizationParams(0.08f, -3), new QuantizationParams(0.1f, 12), FusedActivation.None);
        Assert.Equal(12, Add.Element(p, 7, -3));
    }

    [Fact]
    public void MulMatchesFakeQuantWithinOneLsb()
    {
        var rng = new Random(43);
        var q1 = new QuantizationParams(0.04f, -5);
        var q2 = new QuantizationParams(1f / 256f, -128);
        sbyte[] a = FakeQuant.RandomInt8(rng, 500);
        sbyte[] b = FakeQuant.RandomInt8(rng, 500);
        double[] real = FakeQuant.Dequantize(a, q1).Zip(FakeQuant.Dequantize(b, q2), (u, v) => u * v).ToArray();
        var outQ = FakeQuant.ParamsCovering(real);
        var p = MulParams.Prepare(q1, q2, outQ, FusedActivation.None);
        var output = new sbyte[500];
        Mul.Eval(p, a, b, output);
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(real, outQ, p.Clamp), output);
    }

    [Fact]
    public void MulBroadcastAgreesWithExplicitlyBroadcastGate()
    {
        var rng = new Random(44);
        var shape = new Nhwc(2, 3, 4, 5);
        sbyte[] x = FakeQuant.RandomInt8(rng, shape.ElementCount);
        sbyte[] gate = FakeQuant.RandomInt8(rng, 2 * 5);
        var p = MulParams.Prepare(new QuantizationParams(0.04f, 1), new QuantizationParams(1f / 256f, -128), new QuantizationParams(0.03f, 0), FusedActivation.None);
        var expanded = new sbyte[shape.ElementCount];
        for (int i = 0; i < expanded.Length; i++)
        {
            int n = i / (3 * 4 * 5);
            expanded[i] = gate[(n * 5) + (i % 5)];
        }

        var expected = new sbyte[shape.ElementCount];
        var actual = new sbyte[shape.ElementCount];
        Mul.Eval(p, x, expanded, expected);
        Mul.EvalBroadcastChannels(p, shape, x, gate, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RequantizeMatchesFakeQuantWithinOneLsb()
    {
        var inQ = new QuantizationParams(0.07f, 9);
        var outQ = new QuantizationParams(0.05f, -4);
        sbyte[] all = Enumerable.Range(-128, 256).Select(v => (sbyte)v).ToArray();
        var p = RequantizeParams.Prepare(inQ, outQ);
        var output = new sbyte[256];
        Requantize.Eval(p, all, output);
        FakeQuant.AssertWithinOneLsb(FakeQuant.Quantize(FakeQuant.Dequantize(all, inQ), outQ, ActivationRange.Int8Full), output);
    }

    [Fact]
    public void QuantizeAndDequantizeFollowTfliteRounding()
    {
        var q = new QuantizationParams(0.5f, -3);
        var result = new sbyte[6];
        Quantize.Eval(q, new[] { 0.25f, -0.25f, 0.75f, 100f, -100f, 0f }, result);
        // 0.5 and -0.5 steps round away from zero; out-of-range values saturate.
        Assert.Equal(new sbyte[] { -2, -4, -1, 127, -128, -3 }, result);
        Quantize.Eval(new QuantizationParams(1e-6f, 100), new[] { float.MaxValue, float.PositiveInfinity, float.NaN }, result.AsSpan(0, 3));
        Assert.Equal(new sbyte[] { 127, 127, 100 }, result.Take(3).ToArray());
        var back = new float[2];
        Dequantize.Eval(q, new sbyte[] { -3, 5 }, back);
        Assert.Equal(new[] { 0f, 4f }, back);
    }
}
