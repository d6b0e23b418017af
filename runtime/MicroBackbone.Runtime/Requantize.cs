using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>int8 to int8 rescale (TFLite QUANTIZE with an int8 input; reference requantize.h).</summary>
public static class Requantize
{
    /// <summary>out = clamp(MBQM(x - inputZeroPoint, multiplier, shift) + outputZeroPoint, -128, 127).</summary>
    public static void Run(int inputZeroPoint, int multiplier, int shift, int outputZeroPoint, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Check.Length(input.Length, output.Length, "requantize input");
        int i = 0;
        if (ElementwiseVector.Enabled)
        {
            ref sbyte x = ref MemoryMarshal.GetReference(input);
            ref sbyte o = ref MemoryMarshal.GetReference(output);
            Vector128<int> zpIn = Vector128.Create(inputZeroPoint);
            Vector128<int> zpOut = Vector128.Create(outputZeroPoint);
            Vector128<int> min = Vector128.Create((int)sbyte.MinValue);
            Vector128<int> max = Vector128.Create((int)sbyte.MaxValue);
            for (; i <= output.Length - 16; i += 16)
            {
                ElementwiseVector.Load16(ref x, i, out Vector128<int> v0, out Vector128<int> v1, out Vector128<int> v2, out Vector128<int> v3);
                ElementwiseVector.Store16(
                    FixedPointVector.MultiplyByQuantizedMultiplier(v0 - zpIn, multiplier, shift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier(v1 - zpIn, multiplier, shift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier(v2 - zpIn, multiplier, shift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier(v3 - zpIn, multiplier, shift) + zpOut,
                    min, max, ref o, i);
            }
        }

        for (; i < output.Length; i++)
        {
            int value = FixedPointMath.MultiplyByQuantizedMultiplier(input[i] - inputZeroPoint, multiplier, shift) + outputZeroPoint;
            output[i] = (sbyte)FixedPointMath.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
        }
    }
}
