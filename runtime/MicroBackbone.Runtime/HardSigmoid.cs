using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>
/// int8 hard-sigmoid, defined as one 1x1 depthwise convolution with weight 127 in every channel (MicroBackbone's
/// own operator, see docs/INT8.md); output quantization is fixed at scale 1/256, zero point -128.
/// </summary>
public static class HardSigmoid
{
    /// <summary>The weight of the equivalent 1x1 depthwise convolution.</summary>
    public const int Weight = 127;

    /// <summary>The fixed output zero point.</summary>
    public const int OutputZeroPoint = -128;

    /// <summary>out = clamp(MBQM(127 * (x - inputZeroPoint) + bias, multiplier, shift) - 128, -128, 127).</summary>
    public static void Run(int inputZeroPoint, int bias, int multiplier, int shift, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Check.Length(input.Length, output.Length, "hard-sigmoid input");
        int i = 0;
        if (ElementwiseVector.Enabled)
        {
            ref sbyte x = ref MemoryMarshal.GetReference(input);
            ref sbyte o = ref MemoryMarshal.GetReference(output);
            Vector128<int> zp = Vector128.Create(inputZeroPoint);
            Vector128<int> w = Vector128.Create(Weight);
            Vector128<int> b = Vector128.Create(bias);
            Vector128<int> zpOut = Vector128.Create(OutputZeroPoint);
            Vector128<int> min = Vector128.Create((int)sbyte.MinValue);
            Vector128<int> max = Vector128.Create((int)sbyte.MaxValue);
            for (; i <= output.Length - 16; i += 16)
            {
                ElementwiseVector.Load16(ref x, i, out Vector128<int> v0, out Vector128<int> v1, out Vector128<int> v2, out Vector128<int> v3);
                ElementwiseVector.Store16(
                    FixedPointVector.MultiplyByQuantizedMultiplier((w * (v0 - zp)) + b, multiplier, shift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier((w * (v1 - zp)) + b, multiplier, shift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier((w * (v2 - zp)) + b, multiplier, shift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier((w * (v3 - zp)) + b, multiplier, shift) + zpOut,
                    min, max, ref o, i);
            }
        }

        for (; i < output.Length; i++)
        {
            output[i] = Element(inputZeroPoint, bias, multiplier, shift, input[i]);
        }
    }

    /// <summary>One element of hard-sigmoid.</summary>
    public static sbyte Element(int inputZeroPoint, int bias, int multiplier, int shift, sbyte x)
    {
        int acc = unchecked((Weight * (x - inputZeroPoint)) + bias);
        int result = FixedPointMath.MultiplyByQuantizedMultiplier(acc, multiplier, shift) + OutputZeroPoint;
        return (sbyte)FixedPointMath.Clamp(result, sbyte.MinValue, sbyte.MaxValue);
    }
}
