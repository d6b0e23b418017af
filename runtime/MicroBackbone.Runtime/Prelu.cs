namespace MicroBackbone.Runtime;

/// <summary>Elementwise int8 PReLU with a broadcast alpha (reference/prelu.h BroadcastPrelu4DSlow).</summary>
public static class Prelu
{
    /// <summary>
    /// d = x - zp_in; d &gt;= 0: MBQM(d, positive); else MBQM(d * (alpha - zp_alpha), negative); plus zp_out, clamped
    /// to [-128, 127].
    /// </summary>
    public static void Run(int inputZeroPoint, int alphaZeroPoint, int outputZeroPoint, int positiveMultiplier, int positiveShift,
        int negativeMultiplier, int negativeShift, in BroadcastShape shape, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> alpha, Span<sbyte> output)
    {
        shape.Check(input.Length, alpha.Length, output.Length, "prelu");
        int o = 0;
        for (int i0 = 0; i0 < shape.D0; i0++)
        {
            for (int i1 = 0; i1 < shape.D1; i1++)
            {
                for (int i2 = 0; i2 < shape.D2; i2++)
                {
                    int a = (i0 * shape.A0) + (i1 * shape.A1) + (i2 * shape.A2);
                    int b = (i0 * shape.B0) + (i1 * shape.B1) + (i2 * shape.B2);
                    for (int i3 = 0; i3 < shape.D3; i3++)
                    {
                        int d = input[a + (i3 * shape.A3)] - inputZeroPoint;
                        int v = d >= 0
                            ? FixedPointMath.MultiplyByQuantizedMultiplier(d, positiveMultiplier, positiveShift)
                            : FixedPointMath.MultiplyByQuantizedMultiplier(d * (alpha[b + (i3 * shape.B3)] - alphaZeroPoint), negativeMultiplier, negativeShift);
                        output[o++] = (sbyte)FixedPointMath.Clamp(v + outputZeroPoint, sbyte.MinValue, sbyte.MaxValue);
                    }
                }
            }
        }
    }
}
