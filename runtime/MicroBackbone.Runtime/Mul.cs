using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>int8 multiplication, elementwise and with a [N, 1, 1, C] gate broadcast (reference_integer_ops mul.h).</summary>
public static class Mul
{
    /// <summary>out = clamp(zp_out + MBQM((x1 - zp1) * (x2 - zp2), M), min, max) over equal lengths.</summary>
    public static void Run(in MulParameters p, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        Check.Length(input1.Length, output.Length, "mul input 1");
        Check.Length(input2.Length, output.Length, "mul input 2");
        ElementwiseVector.Apply(new Operation(p), input1, input2, output);
    }

    /// <summary>
    /// Multiplies an NHWC tensor of <paramref name="shape"/> by a gate of shape [N, 1, 1, C] broadcast over H and W
    /// (squeeze-and-excitation); each element is computed as in <see cref="Run"/>.
    /// </summary>
    public static void RunChannelGate(in MulParameters p, TensorShape shape, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> gate, Span<sbyte> output)
    {
        shape.Check(input.Length, "mul input");
        shape.Check(output.Length, "mul output");
        int channels = shape.Channels;
        Check.Length(gate.Length, shape.Batch * channels, "mul gate [N, 1, 1, C]");
        int spatial = shape.Height * shape.Width;
        var op = new Operation(p);
        for (int n = 0; n < shape.Batch; n++)
        {
            ReadOnlySpan<sbyte> g = gate.Slice(n * channels, channels);
            for (int s = 0; s < spatial; s++)
            {
                int start = ((n * spatial) + s) * channels;
                ElementwiseVector.Apply(op, input.Slice(start, channels), g, output.Slice(start, channels));
            }
        }
    }

    /// <summary>One element of the product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static sbyte Element(in MulParameters p, sbyte x1, sbyte x2)
    {
        int product = (x1 - p.Input1ZeroPoint) * (x2 - p.Input2ZeroPoint);
        int raw = FixedPointMath.MultiplyByQuantizedMultiplier(product, p.OutputMultiplier, p.OutputShift) + p.OutputZeroPoint;
        return (sbyte)FixedPointMath.Clamp(raw, p.ActivationMin, p.ActivationMax);
    }

    /// <summary><see cref="Element"/> at every vector width.</summary>
    private readonly struct Operation : IElementwiseOperation
    {
        private readonly MulParameters p;

        public Operation(in MulParameters p) => this.p = p;

        public int ActivationMin => p.ActivationMin;

        public int ActivationMax => p.ActivationMax;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<int> Lanes(Vector512<int> x1, Vector512<int> x2) =>
            FixedPointVector.MultiplyByQuantizedMultiplier((x1 - Vector512.Create(p.Input1ZeroPoint)) * (x2 - Vector512.Create(p.Input2ZeroPoint)),
                p.OutputMultiplier, p.OutputShift) + Vector512.Create(p.OutputZeroPoint);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<int> Lanes(Vector256<int> x1, Vector256<int> x2) =>
            FixedPointVector.MultiplyByQuantizedMultiplier((x1 - Vector256.Create(p.Input1ZeroPoint)) * (x2 - Vector256.Create(p.Input2ZeroPoint)),
                p.OutputMultiplier, p.OutputShift) + Vector256.Create(p.OutputZeroPoint);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector128<int> Lanes(Vector128<int> x1, Vector128<int> x2) =>
            FixedPointVector.MultiplyByQuantizedMultiplier((x1 - Vector128.Create(p.Input1ZeroPoint)) * (x2 - Vector128.Create(p.Input2ZeroPoint)),
                p.OutputMultiplier, p.OutputShift) + Vector128.Create(p.OutputZeroPoint);

        public sbyte Element(sbyte x1, sbyte x2) => Mul.Element(p, x1, x2);
    }
}
