using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>Elementwise int8 addition of two equally shaped tensors (reference_integer_ops AddElementwise).</summary>
public static class Add
{
    /// <summary>
    /// a = MBQM((x1 - zp1) &lt;&lt; 20, M1), b = MBQM((x2 - zp2) &lt;&lt; 20, M2), out = clamp(zp_out + MBQM(a + b, M_out), min, max).
    /// </summary>
    public static void Run(in AddParameters p, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        Check.Length(input1.Length, output.Length, "add input 1");
        Check.Length(input2.Length, output.Length, "add input 2");
        int i = 0;
        if (ElementwiseVector.Wide)
        {
            i = RunWide(p, input1, input2, output);
        }

        if (ElementwiseVector.Enabled)
        {
            ref sbyte a = ref MemoryMarshal.GetReference(input1);
            ref sbyte b = ref MemoryMarshal.GetReference(input2);
            ref sbyte o = ref MemoryMarshal.GetReference(output);
            Vector128<int> zp1 = Vector128.Create(p.Input1ZeroPoint);
            Vector128<int> zp2 = Vector128.Create(p.Input2ZeroPoint);
            Vector128<int> min = Vector128.Create(p.ActivationMin);
            Vector128<int> max = Vector128.Create(p.ActivationMax);
            for (; i <= output.Length - 16; i += 16)
            {
                ElementwiseVector.Load16(ref a, i, out Vector128<int> a0, out Vector128<int> a1, out Vector128<int> a2, out Vector128<int> a3);
                ElementwiseVector.Load16(ref b, i, out Vector128<int> b0, out Vector128<int> b1, out Vector128<int> b2, out Vector128<int> b3);
                ElementwiseVector.Store16(Lanes(p, a0, b0, zp1, zp2), Lanes(p, a1, b1, zp1, zp2), Lanes(p, a2, b2, zp1, zp2),
                    Lanes(p, a3, b3, zp1, zp2), min, max, ref o, i);
            }
        }

        for (; i < output.Length; i++)
        {
            output[i] = Element(p, input1[i], input2[i]);
        }
    }

    /// <summary>The 8-lane path over whole blocks of 16; returns how many elements it wrote.</summary>
    private static int RunWide(in AddParameters p, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        ref sbyte a = ref MemoryMarshal.GetReference(input1);
        ref sbyte b = ref MemoryMarshal.GetReference(input2);
        ref sbyte o = ref MemoryMarshal.GetReference(output);
        Vector256<int> zp1 = Vector256.Create(p.Input1ZeroPoint);
        Vector256<int> zp2 = Vector256.Create(p.Input2ZeroPoint);
        Vector256<int> zpOut = Vector256.Create(p.OutputZeroPoint);
        Vector256<int> min = Vector256.Create(p.ActivationMin);
        Vector256<int> max = Vector256.Create(p.ActivationMax);
        int m1 = p.Input1Multiplier, s1 = p.Input1Shift, m2 = p.Input2Multiplier, s2 = p.Input2Shift, mo = p.OutputMultiplier, so = p.OutputShift;
        int i = 0;
        if (ElementwiseVector.Widest)
        {
            Vector512<int> zp1w = Vector512.Create(p.Input1ZeroPoint);
            Vector512<int> zp2w = Vector512.Create(p.Input2ZeroPoint);
            Vector512<int> zpOutW = Vector512.Create(p.OutputZeroPoint);
            Vector512<int> minW = Vector512.Create(p.ActivationMin);
            Vector512<int> maxW = Vector512.Create(p.ActivationMax);
            for (; i <= output.Length - 16; i += 16)
            {
                Vector512<int> x1 = ElementwiseVector.Load16Wide(ref a, i);
                Vector512<int> x2 = ElementwiseVector.Load16Wide(ref b, i);
                Vector512<int> r = FixedPointVector.MultiplyByQuantizedMultiplier(
                    FixedPointVector.MultiplyByQuantizedMultiplier(Vector512.ShiftLeft(x1 - zp1w, AddParameters.LeftShift), m1, s1)
                    + FixedPointVector.MultiplyByQuantizedMultiplier(Vector512.ShiftLeft(x2 - zp2w, AddParameters.LeftShift), m2, s2), mo, so);
                ElementwiseVector.Store16(r + zpOutW, minW, maxW, ref o, i);
            }

            return i;
        }

        for (; i <= output.Length - 16; i += 16)
        {
            ElementwiseVector.Load16(ref a, i, out Vector256<int> a0, out Vector256<int> a1);
            ElementwiseVector.Load16(ref b, i, out Vector256<int> b0, out Vector256<int> b1);
            Vector256<int> r0 = FixedPointVector.MultiplyByQuantizedMultiplier(
                FixedPointVector.MultiplyByQuantizedMultiplier(Vector256.ShiftLeft(a0 - zp1, AddParameters.LeftShift), m1, s1)
                + FixedPointVector.MultiplyByQuantizedMultiplier(Vector256.ShiftLeft(b0 - zp2, AddParameters.LeftShift), m2, s2), mo, so);
            Vector256<int> r1 = FixedPointVector.MultiplyByQuantizedMultiplier(
                FixedPointVector.MultiplyByQuantizedMultiplier(Vector256.ShiftLeft(a1 - zp1, AddParameters.LeftShift), m1, s1)
                + FixedPointVector.MultiplyByQuantizedMultiplier(Vector256.ShiftLeft(b1 - zp2, AddParameters.LeftShift), m2, s2), mo, so);
            ElementwiseVector.Store16(r0 + zpOut, r1 + zpOut, min, max, ref o, i);
        }

        return i;
    }

    /// <summary>One element of the addition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static sbyte Element(in AddParameters p, sbyte x1, sbyte x2)
    {
        int a = FixedPointMath.MultiplyByQuantizedMultiplier((x1 - p.Input1ZeroPoint) << AddParameters.LeftShift, p.Input1Multiplier, p.Input1Shift);
        int b = FixedPointMath.MultiplyByQuantizedMultiplier((x2 - p.Input2ZeroPoint) << AddParameters.LeftShift, p.Input2Multiplier, p.Input2Shift);
        int raw = FixedPointMath.MultiplyByQuantizedMultiplier(a + b, p.OutputMultiplier, p.OutputShift) + p.OutputZeroPoint;
        return (sbyte)FixedPointMath.Clamp(raw, p.ActivationMin, p.ActivationMax);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Lanes(in AddParameters p, Vector128<int> x1, Vector128<int> x2, Vector128<int> zp1, Vector128<int> zp2)
    {
        Vector128<int> a = FixedPointVector.MultiplyByQuantizedMultiplier(Vector128.ShiftLeft(x1 - zp1, AddParameters.LeftShift), p.Input1Multiplier, p.Input1Shift);
        Vector128<int> b = FixedPointVector.MultiplyByQuantizedMultiplier(Vector128.ShiftLeft(x2 - zp2, AddParameters.LeftShift), p.Input2Multiplier, p.Input2Shift);
        return FixedPointVector.MultiplyByQuantizedMultiplier(a + b, p.OutputMultiplier, p.OutputShift) + Vector128.Create(p.OutputZeroPoint);
    }
}
