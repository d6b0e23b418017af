using System.Runtime.CompilerServices;
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
        ElementwiseVector.Apply(new Operation(p), input1, input2, output);
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

    /// <summary><see cref="Element"/> at every vector width.</summary>
    private readonly struct Operation : IElementwiseOperation
    {
        private readonly AddParameters p;

        public Operation(in AddParameters p) => this.p = p;

        public int ActivationMin => p.ActivationMin;

        public int ActivationMax => p.ActivationMax;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<int> Lanes(Vector512<int> x1, Vector512<int> x2) =>
            FixedPointVector.MultiplyByQuantizedMultiplier(
                FixedPointVector.MultiplyByQuantizedMultiplier(Vector512.ShiftLeft(x1 - Vector512.Create(p.Input1ZeroPoint), AddParameters.LeftShift), p.Input1Multiplier, p.Input1Shift)
                + FixedPointVector.MultiplyByQuantizedMultiplier(Vector512.ShiftLeft(x2 - Vector512.Create(p.Input2ZeroPoint), AddParameters.LeftShift), p.Input2Multiplier, p.Input2Shift),
                p.OutputMultiplier, p.OutputShift) + Vector512.Create(p.OutputZeroPoint);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<int> Lanes(Vector256<int> x1, Vector256<int> x2) =>
            FixedPointVector.MultiplyByQuantizedMultiplier(
                FixedPointVector.MultiplyByQuantizedMultiplier(Vector256.ShiftLeft(x1 - Vector256.Create(p.Input1ZeroPoint), AddParameters.LeftShift), p.Input1Multiplier, p.Input1Shift)
                + FixedPointVector.MultiplyByQuantizedMultiplier(Vector256.ShiftLeft(x2 - Vector256.Create(p.Input2ZeroPoint), AddParameters.LeftShift), p.Input2Multiplier, p.Input2Shift),
                p.OutputMultiplier, p.OutputShift) + Vector256.Create(p.OutputZeroPoint);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<int> Lanes(Vector128<int> x1, Vector128<int> x2) =>
            FixedPointVector.MultiplyByQuantizedMultiplier(
                FixedPointVector.MultiplyByQuantizedMultiplier(Vector128.ShiftLeft(x1 - Vector128.Create(p.Input1ZeroPoint), AddParameters.LeftShift), p.Input1Multiplier, p.Input1Shift)
                + FixedPointVector.MultiplyByQuantizedMultiplier(Vector128.ShiftLeft(x2 - Vector128.Create(p.Input2ZeroPoint), AddParameters.LeftShift), p.Input2Multiplier, p.Input2Shift),
                p.OutputMultiplier, p.OutputShift) + Vector128.Create(p.OutputZeroPoint);

        public sbyte Element(sbyte x1, sbyte x2) => Add.Element(p, x1, x2);
    }
}
