using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Runtime.Tests;

/// <summary>Fixed-seed random tensors and quantization parameters.</summary>
internal sealed class RandomData
{
    private readonly Random random;

    public RandomData(int seed) => random = new Random(seed);

    public int Next(int min, int maxExclusive) => random.Next(min, maxExclusive);

    public sbyte[] Int8(int length, int min = sbyte.MinValue, int max = sbyte.MaxValue)
    {
        var values = new sbyte[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (sbyte)random.Next(min, max + 1);
        }

        return values;
    }

    public sbyte[] Weights(int length) => Int8(length, -127, 127);

    public int[] Bias(int length, int magnitude = 20000)
    {
        var values = new int[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.Next(-magnitude, magnitude + 1);
        }

        return values;
    }

    public float Scale(float min, float max) => min + ((float)random.NextDouble() * (max - min));

    public QuantizationParams Quant(float minScale = 0.005f, float maxScale = 0.1f) =>
        new(Scale(minScale, maxScale), random.Next(-128, 128));

    public float[] WeightScales(int channels)
    {
        var scales = new float[channels];
        for (int i = 0; i < channels; i++)
        {
            scales[i] = Scale(0.001f, 0.02f);
        }

        return scales;
    }
}
