namespace MicroBackbone.Runtime;

/// <summary>float32 to int8 (reference quantize.h AffineQuantize).</summary>
public static class Quantize
{
    /// <summary>q = clamp(round(x / scale) + zeroPoint, -128, 127): float32 division, ties away from zero, NaN gives the zero point.</summary>
    public static void Run(float scale, int zeroPoint, ReadOnlySpan<float> input, Span<sbyte> output)
    {
        Check.Length(input.Length, output.Length, "quantize input");
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Element(scale, zeroPoint, input[i]);
        }
    }

    /// <summary>One value.</summary>
    public static sbyte Element(float scale, int zeroPoint, float value)
    {
        float quotient = value / scale;
        long rounded;
        if (float.IsNaN(quotient))
        {
            rounded = 0;
        }
        else
        {
            // lroundf saturated to int32, then the zero point added in 64 bits so nothing wraps.
            double r = Math.Round((double)quotient, MidpointRounding.AwayFromZero);
            rounded = r >= int.MaxValue ? int.MaxValue : r <= int.MinValue ? int.MinValue : (long)r;
        }

        return (sbyte)Math.Max(sbyte.MinValue, Math.Min(sbyte.MaxValue, rounded + zeroPoint));
    }
}
