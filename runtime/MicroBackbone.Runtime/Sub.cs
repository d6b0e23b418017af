namespace MicroBackbone.Runtime;

/// <summary>
/// Elementwise int8 subtraction with size-1 broadcasting (reference/sub.h): the integers have Add's form (see
/// <see cref="AddParameters"/>; only their Prepare differs), and the rescaled second operand is subtracted.
/// </summary>
public static class Sub
{
    /// <summary>out = clamp(zp_out + MBQM(MBQM((x1 - zp1) &lt;&lt; 20, M1) - MBQM((x2 - zp2) &lt;&lt; 20, M2), M_out), min, max).</summary>
    public static void Run(in AddParameters p, in BroadcastShape shape, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        shape.Check(input1.Length, input2.Length, output.Length, "sub");
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
                        output[o++] = Element(p, input1[a + (i3 * shape.A3)], input2[b + (i3 * shape.B3)]);
                    }
                }
            }
        }
    }

    /// <summary>One element of the difference.</summary>
    public static sbyte Element(in AddParameters p, sbyte x1, sbyte x2)
    {
        int a = FixedPointMath.MultiplyByQuantizedMultiplier((x1 - p.Input1ZeroPoint) << AddParameters.LeftShift, p.Input1Multiplier, p.Input1Shift);
        int b = FixedPointMath.MultiplyByQuantizedMultiplier((x2 - p.Input2ZeroPoint) << AddParameters.LeftShift, p.Input2Multiplier, p.Input2Shift);
        int raw = FixedPointMath.MultiplyByQuantizedMultiplier(a - b, p.OutputMultiplier, p.OutputShift) + p.OutputZeroPoint;
        return (sbyte)FixedPointMath.Clamp(raw, p.ActivationMin, p.ActivationMax);
    }
}
