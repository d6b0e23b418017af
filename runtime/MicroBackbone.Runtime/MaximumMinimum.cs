namespace MicroBackbone.Runtime;

/// <summary>Elementwise int8 maximum or minimum of the stored values with size-1 broadcasting (one quantization throughout).</summary>
public static class MaximumMinimum
{
    /// <summary>out = max(a, b) when <paramref name="maximum"/>, else min(a, b).</summary>
    public static void Run(bool maximum, in BroadcastShape shape, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        shape.Check(input1.Length, input2.Length, output.Length, maximum ? "maximum" : "minimum");
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
                        sbyte x = input1[a + (i3 * shape.A3)], y = input2[b + (i3 * shape.B3)];
                        output[o++] = maximum ? (x > y ? x : y) : (x < y ? x : y);
                    }
                }
            }
        }
    }
}
