using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Ir.Tests.Int8;

/// <summary>Float reference ("fake quant") helpers: dequantize, compute in double, quantize the result.</summary>
internal static class FakeQuant
{
    public static sbyte[] RandomInt8(Random rng, int count)
    {
        var values = new sbyte[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (sbyte)rng.Next(-128, 128);
        }

        return values;
    }

    public static float[] RandomFloats(Random rng, int count, double amplitude)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(((rng.NextDouble() * 2) - 1) * amplitude);
        }

        return values;
    }

    public static double[] Dequantize(sbyte[] q, QuantizationParams p) => q.Select(v => (double)p.Scale * (v - p.ZeroPoint)).ToArray();

    /// <summary>Quantizes doubles with the output params and fused activation (exact rounding, no integer tricks).</summary>
    public static int[] Quantize(double[] real, QuantizationParams p, ActivationRange clamp) =>
        real.Select(r => clamp.Clamp((int)Math.Round((r / p.Scale) + p.ZeroPoint, MidpointRounding.AwayFromZero))).ToArray();

    public static QuantizationParams ParamsCovering(double[] real) => QuantizationMath.ChooseActivationParams(real.Min(), real.Max());

    public static void AssertWithinOneLsb(int[] expected, sbyte[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        int worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        Assert.True(worst <= 1, $"max error {worst} LSB");
    }
}
