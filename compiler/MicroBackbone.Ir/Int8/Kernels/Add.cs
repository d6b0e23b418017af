namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Add"/> (TFLM add_common.cc CalculateOpDataAdd, int8 branch).</summary>
public sealed class AddParams
{
    /// <summary>Both inputs are shifted left by this many bits before rescaling, keeping 20 bits of headroom for precision.</summary>
    public const int LeftShift = 20;

    private AddParams(int input1Offset, int input2Offset, QuantizedMultiplier input1Multiplier, QuantizedMultiplier input2Multiplier,
        QuantizedMultiplier outputMultiplier, int outputOffset, ActivationRange clamp)
    {
        Input1Offset = input1Offset;
        Input2Offset = input2Offset;
        Input1Multiplier = input1Multiplier;
        Input2Multiplier = input2Multiplier;
        OutputMultiplier = outputMultiplier;
        OutputOffset = outputOffset;
        Clamp = clamp;
    }

    /// <summary>-zero point of input 1.</summary>
    public int Input1Offset { get; }

    /// <summary>-zero point of input 2.</summary>
    public int Input2Offset { get; }

    /// <summary>scale1 / (2 * max(scale1, scale2)), shift &lt;= 0.</summary>
    public QuantizedMultiplier Input1Multiplier { get; }

    /// <summary>scale2 / (2 * max(scale1, scale2)), shift &lt;= 0.</summary>
    public QuantizedMultiplier Input2Multiplier { get; }

    /// <summary>2 * max(scale1, scale2) / (2^20 * output_scale), shift &lt;= 0.</summary>
    public QuantizedMultiplier OutputMultiplier { get; }

    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }

    /// <summary>Fused activation clamp.</summary>
    public ActivationRange Clamp { get; }

    /// <summary>Prepares the three multipliers with QuantizeMultiplierSmallerThanOneExp, in double from float32 scales.</summary>
    public static AddParams Prepare(QuantizationParams input1, QuantizationParams input2, QuantizationParams output, FusedActivation activation)
    {
        double twiceMax = 2 * (double)Math.Max(input1.Scale, input2.Scale);
        double real1 = input1.Scale / twiceMax;
        double real2 = input2.Scale / twiceMax;
        double realOut = twiceMax / ((1 << LeftShift) * (double)output.Scale);
        return new AddParams(-input1.ZeroPoint, -input2.ZeroPoint,
            QuantizedMultiplier.FromDoubleSmallerThanOne(real1), QuantizedMultiplier.FromDoubleSmallerThanOne(real2),
            QuantizedMultiplier.FromDoubleSmallerThanOne(realOut), output.ZeroPoint, ActivationRange.For(activation, output));
    }

    /// <summary>
    /// The same integers for <see cref="Sub"/> (TFLM sub_common.cc CalculateOpDataSub, int8 branch), which, unlike
    /// ADD, keeps the doubled maximum scale and the three quotients in float32 and widens each quotient to double
    /// only for QuantizeMultiplierSmallerThanOneExp; the results can differ from <see cref="Prepare"/>'s.
    /// </summary>
    public static AddParams PrepareSub(QuantizationParams input1, QuantizationParams input2, QuantizationParams output, FusedActivation activation)
    {
        float twiceMax = 2 * Math.Max(input1.Scale, input2.Scale);
        double real1 = (float)(input1.Scale / twiceMax);
        double real2 = (float)(input2.Scale / twiceMax);
        double realOut = (float)(twiceMax / (float)((1 << LeftShift) * output.Scale));
        return new AddParams(-input1.ZeroPoint, -input2.ZeroPoint,
            QuantizedMultiplier.FromDoubleSmallerThanOne(real1), QuantizedMultiplier.FromDoubleSmallerThanOne(real2),
            QuantizedMultiplier.FromDoubleSmallerThanOne(realOut), output.ZeroPoint, ActivationRange.For(activation, output));
    }

    /// <summary>MBQM((q + offset) &lt;&lt; 20, M): one operand's rescaled term, a function of its int8 value alone.</summary>
    public static int Term(sbyte q, int offset, QuantizedMultiplier multiplier) =>
        multiplier.Apply((q + offset) * (1 << LeftShift));
}

/// <summary>Elementwise int8 addition of two equally shaped tensors (reference/integer_ops/add.h AddElementwise).</summary>
public static class Add
{
    /// <summary>
    /// a = MBQM((x1 - zp1) &lt;&lt; 20, M1), b = MBQM((x2 - zp2) &lt;&lt; 20, M2),
    /// out = clamp(zp_out + MBQM(a + b, M_out)).
    /// </summary>
    public static void Eval(AddParams p, ReadOnlySpan<sbyte> input1, ReadOnlySpan<sbyte> input2, Span<sbyte> output)
    {
        if (input1.Length != output.Length || input2.Length != output.Length)
        {
            throw new ArgumentException($"add buffers differ in length ({input1.Length}, {input2.Length} -> {output.Length})");
        }

        for (int i = 0; i < output.Length; i++)
        {
            output[i] = Element(p, input1[i], input2[i]);
        }
    }

    /// <summary>One element of the addition (shared with broadcasting callers).</summary>
    public static sbyte Element(AddParams p, sbyte x1, sbyte x2)
    {
        int scaled1 = AddParams.Term(x1, p.Input1Offset, p.Input1Multiplier);
        int scaled2 = AddParams.Term(x2, p.Input2Offset, p.Input2Multiplier);
        int raw = p.OutputMultiplier.Apply(scaled1 + scaled2) + p.OutputOffset;
        return (sbyte)p.Clamp.Clamp(raw);
    }
}
