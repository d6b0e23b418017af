using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        Row(p, input1, input2, output);
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
        if (ElementwiseVector.Wide && channels % 16 == 0)
        {
            ChannelGateWide(p, shape.Batch, spatial, channels, input, gate, output);
            return;
        }

        for (int n = 0; n < shape.Batch; n++)
        {
            ReadOnlySpan<sbyte> g = gate.Slice(n * channels, channels);
            for (int s = 0; s < spatial; s++)
            {
                int start = ((n * spatial) + s) * channels;
                Row(p, input.Slice(start, channels), g, output.Slice(start, channels));
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

    /// <summary>The gate product with the centred gate values widened once per image instead of once per pixel.</summary>
    private static void ChannelGateWide(in MulParameters p, int batch, int spatial, int channels, ReadOnlySpan<sbyte> input,
        ReadOnlySpan<sbyte> gate, Span<sbyte> output)
    {
        Span<int> centred = stackalloc int[channels];
        Vector256<int> zp1 = Vector256.Create(p.Input1ZeroPoint);
        Vector256<int> zpOut = Vector256.Create(p.OutputZeroPoint);
        Vector256<int> min = Vector256.Create(p.ActivationMin);
        Vector256<int> max = Vector256.Create(p.ActivationMax);
        int multiplier = p.OutputMultiplier, shift = p.OutputShift;
        ref sbyte x = ref MemoryMarshal.GetReference(input);
        ref sbyte o = ref MemoryMarshal.GetReference(output);
        ref int g = ref MemoryMarshal.GetReference(centred);
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                centred[c] = gate[(n * channels) + c] - p.Input2ZeroPoint;
            }

            int end = (n + 1) * spatial * channels;
            if (ElementwiseVector.Widest)
            {
                Vector512<int> zp1w = Vector512.Create(p.Input1ZeroPoint);
                Vector512<int> zpOutW = Vector512.Create(p.OutputZeroPoint);
                Vector512<int> minW = Vector512.Create(p.ActivationMin);
                Vector512<int> maxW = Vector512.Create(p.ActivationMax);
                for (int i = n * spatial * channels; i < end; i += channels)
                {
                    for (int c = 0; c < channels; c += 16)
                    {
                        Vector512<int> product = (ElementwiseVector.Load16Wide(ref x, i + c) - zp1w) * Vector512.LoadUnsafe(ref g, (nuint)c);
                        ElementwiseVector.Store16(FixedPointVector.MultiplyByQuantizedMultiplier(product, multiplier, shift) + zpOutW,
                            minW, maxW, ref o, i + c);
                    }
                }

                continue;
            }

            for (int i = n * spatial * channels; i < end; i += channels)
            {
                for (int c = 0; c < channels; c += 16)
                {
                    ElementwiseVector.Load16(ref x, i + c, out Vector256<int> a0, out Vector256<int> a1);
                    Vector256<int> g0 = Vector256.LoadUnsafe(ref g, (nuint)c);
                    Vector256<int> g1 = Vector256.LoadUnsafe(ref g, (nuint)(c + 8));
                    ElementwiseVector.Store16(
                        FixedPointVector.MultiplyByQuantizedMultiplier((a0 - zp1) * g0, multiplier, shift) + zpOut,
                        FixedPointVector.MultiplyByQuantizedMultiplier((a1 - zp1) * g1, multiplier, shift) + zpOut,
                        min, max, ref o, i + c);
                }
            }
        }
    }

    /// <summary>The 8-lane path over whole blocks of 16; returns how many elements it wrote.</summary>
    private static int RowWide(in MulParameters p, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        ref sbyte a = ref MemoryMarshal.GetReference(input1);
        ref sbyte b = ref MemoryMarshal.GetReference(input2);
        ref sbyte o = ref MemoryMarshal.GetReference(output);
        Vector256<int> zp1 = Vector256.Create(p.Input1ZeroPoint);
        Vector256<int> zp2 = Vector256.Create(p.Input2ZeroPoint);
        Vector256<int> zpOut = Vector256.Create(p.OutputZeroPoint);
        Vector256<int> min = Vector256.Create(p.ActivationMin);
        Vector256<int> max = Vector256.Create(p.ActivationMax);
        int multiplier = p.OutputMultiplier, shift = p.OutputShift;
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
                Vector512<int> product = (ElementwiseVector.Load16Wide(ref a, i) - zp1w) * (ElementwiseVector.Load16Wide(ref b, i) - zp2w);
                ElementwiseVector.Store16(FixedPointVector.MultiplyByQuantizedMultiplier(product, multiplier, shift) + zpOutW, minW, maxW, ref o, i);
            }

            return i;
        }

        for (; i <= output.Length - 16; i += 16)
        {
            ElementwiseVector.Load16(ref a, i, out Vector256<int> a0, out Vector256<int> a1);
            ElementwiseVector.Load16(ref b, i, out Vector256<int> b0, out Vector256<int> b1);
            ElementwiseVector.Store16(
                FixedPointVector.MultiplyByQuantizedMultiplier((a0 - zp1) * (b0 - zp2), multiplier, shift) + zpOut,
                FixedPointVector.MultiplyByQuantizedMultiplier((a1 - zp1) * (b1 - zp2), multiplier, shift) + zpOut,
                min, max, ref o, i);
        }

        return i;
    }

    private static void Row(in MulParameters p, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        int i = 0;
        if (ElementwiseVector.Wide)
        {
            i = RowWide(p, input1, input2, output);
        }

        if (ElementwiseVector.Enabled)
        {
            ref sbyte a = ref MemoryMarshal.GetReference(input1);
            ref sbyte b = ref MemoryMarshal.GetReference(input2);
            ref sbyte o = ref MemoryMarshal.GetReference(output);
            Vector128<int> zp1 = Vector128.Create(p.Input1ZeroPoint);
            Vector128<int> zp2 = Vector128.Create(p.Input2ZeroPoint);
            Vector128<int> zpOut = Vector128.Create(p.OutputZeroPoint);
            Vector128<int> min = Vector128.Create(p.ActivationMin);
            Vector128<int> max = Vector128.Create(p.ActivationMax);
            for (; i <= output.Length - 16; i += 16)
            {
                ElementwiseVector.Load16(ref a, i, out Vector128<int> a0, out Vector128<int> a1, out Vector128<int> a2, out Vector128<int> a3);
                ElementwiseVector.Load16(ref b, i, out Vector128<int> b0, out Vector128<int> b1, out Vector128<int> b2, out Vector128<int> b3);
                ElementwiseVector.Store16(
                    FixedPointVector.MultiplyByQuantizedMultiplier((a0 - zp1) * (b0 - zp2), p.OutputMultiplier, p.OutputShift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier((a1 - zp1) * (b1 - zp2), p.OutputMultiplier, p.OutputShift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier((a2 - zp1) * (b2 - zp2), p.OutputMultiplier, p.OutputShift) + zpOut,
                    FixedPointVector.MultiplyByQuantizedMultiplier((a3 - zp1) * (b3 - zp2), p.OutputMultiplier, p.OutputShift) + zpOut,
                    min, max, ref o, i);
            }
        }

        for (; i < output.Length; i++)
        {
            output[i] = Element(p, input1[i], input2[i]);
        }
    }
}
