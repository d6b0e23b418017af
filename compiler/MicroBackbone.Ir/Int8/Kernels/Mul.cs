namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Mul"/> (TFLM mul_common.cc CalculateOpDataMul, int8 branch).</summary>
public sealed class MulParams
{
    private MulParams(int input1Offset, int input2Offset, QuantizedMultiplier outputMultiplier, int outputOffset, ActivationRange clamp)
    {
        Input1Offset = input1Offset;
        Input2Offset = input2Offset;
        OutputMultiplier = outputMultiplier;
        OutputOffset = outputOffset;
        Clamp = clamp;
    }

    /// <summary>-zero point of input 1.</summary>
    public int Input1Offset { get; }

    /// <summary>-zero point of input 2.</summary>
    public int Input2Offset { get; }

    /// <summary>(double)scale1 * scale2 / output_scale.</summary>
    public QuantizedMultiplier OutputMultiplier { get; }

    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }

    /// <summary>Fused activation clamp.</summary>
    public ActivationRange Clamp { get; }

    /// <summary>Prepares the single output multiplier.</summary>
    public static MulParams Prepare(QuantizationParams input1, QuantizationParams input2, QuantizationParams output, FusedActivation activation)
    {
        double real = (double)input1.Scale * input2.Scale / output.Scale;
        return new MulParams(-input1.ZeroPoint, -input2.ZeroPoint, QuantizedMultiplier.FromDouble(real), output.ZeroPoint,
            ActivationRange.For(activation, output));
    }
}

/// <summary>int8 multiplication (reference/integer_ops/mul.h MulElementwise / BroadcastMul4DSlow).</summary>
public static class Mul
{
    /// <summary>out = clamp(zp_out + MBQM((x1 - zp1) * (x2 - zp2), M)) elementwise over equal lengths.</summary>
    public static void Eval(MulParams p, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        if (input1.Length != output.Length || input2.Length != output.Length)
        {
            throw new ArgumentException($"mul buffers differ in length ({input1.Length}, {input2.Length} -> {output.Length})");
        }

        for (int i = 0; i < output.Length; i++)
        {
            output[i] = Element(p, input1[i], input2[i]);
        }
    }

    /// <summary>
    /// Multiplies an NHWC tensor by a per-(batch, channel) tensor of shape [N, 1, 1, C] broadcast over H and W (the
    /// squeeze-and-excitation gate); each element is computed exactly as in <see cref="Eval"/>.
    /// </summary>
    public static void EvalBroadcastChannels(MulParams p, Nhwc shape, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> gate, Span<sbyte> output)
    {
        shape.CheckLength(input.Length, "mul input");
        shape.CheckLength(output.Length, "mul output");
        if (gate.Length != shape.Batch * shape.Channels)
        {
            throw new ArgumentException($"mul gate has {gate.Length} elements, expected [{shape.Batch}, 1, 1, {shape.Channels}]");
        }

        int spatial = shape.Height * shape.Width;
        for (int n = 0; n < shape.Batch; n++)
        {
            for (int s = 0; s < spatial; s++)
            {
                int baseIndex = ((n * spatial) + s) * shape.Channels;
                for (int c = 0; c < shape.Channels; c++)
                {
                    output[baseIndex + c] = Element(p, input[baseIndex + c], gate[(n * shape.Channels) + c]);
                }
            }
        }
    }

    /// <summary>One element of the product.</summary>
    public static sbyte Element(MulParams p, sbyte x1, sbyte x2)
    {
        int product = (x1 + p.Input1Offset) * (x2 + p.Input2Offset);
        return (sbyte)p.Clamp.Clamp(p.OutputMultiplier.Apply(product) + p.OutputOffset);
    }
}
