namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Sub"/> (TFLM sub_common.cc CalculateOpDataSub, int8 branch).</summary>
public sealed class SubParams
{
    private SubParams(int input1Offset, int input2Offset, QuantizedMultiplier input1Multiplier, QuantizedMultiplier input2Multiplier,
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

    /// <summary>scale1 / (2 * max(scale1, scale2)) divided in float32, shift &lt;= 0.</summary>
    public QuantizedMultiplier Input1Multiplier { get; }

    /// <summary>scale2 / (2 * max(scale1, scale2)) divided in float32, shift &lt;= 0.</summary>
    public QuantizedMultiplier Input2Multiplier { get; }

    /// <summary>2 * max(scale1, scale2) / (2^20 * output_scale) divided in float32, shift &lt;= 0.</summary>
    public QuantizedMultiplier OutputMultiplier { get; }

    /// <summary>Output zero point.</summary>
    public int OutputOffset { get; }

    /// <summary>Fused activation clamp.</summary>
    public ActivationRange Clamp { get; }

    /// <summary>
    /// Prepares the three multipliers like TFLM's SUB, which (unlike ADD) keeps the doubled maximum scale and the
    /// three quotients in float32 and widens each quotient to double only for QuantizeMultiplierSmallerThanOneExp.
    /// </summary>
    public static SubParams Prepare(QuantizationParams input1, QuantizationParams input2, QuantizationParams output, FusedActivation activation)
    {
        float twiceMax = 2 * Math.Max(input1.Scale, input2.Scale);
        double real1 = (float)(input1.Scale / twiceMax);
        double real2 = (float)(input2.Scale / twiceMax);
        double realOut = (float)(twiceMax / (float)((1 << AddParams.LeftShift) * output.Scale));
        return new SubParams(-input1.ZeroPoint, -input2.ZeroPoint,
            QuantizedMultiplier.FromDoubleSmallerThanOne(real1), QuantizedMultiplier.FromDoubleSmallerThanOne(real2),
            QuantizedMultiplier.FromDoubleSmallerThanOne(realOut), output.ZeroPoint, ActivationRange.For(activation, output));
    }

    /// <summary>MBQM((q + offset) &lt;&lt; 20, M): one operand's rescaled term, a function of its int8 value alone.</summary>
    public static int Term(sbyte q, int offset, QuantizedMultiplier multiplier) =>
        multiplier.Apply((q + offset) * (1 << AddParams.LeftShift));
}

/// <summary>int8 subtraction (reference/sub.h SubElementwise / BroadcastQuantSubSlow).</summary>
public static class Sub
{
    /// <summary>out = clamp(zp_out + MBQM(term1(x1) - term2(x2), M_out)), each term MBQM((x - zp) &lt;&lt; 20, M).</summary>
    public static sbyte Element(SubParams p, sbyte x1, sbyte x2)
    {
        int scaled1 = SubParams.Term(x1, p.Input1Offset, p.Input1Multiplier);
        int scaled2 = SubParams.Term(x2, p.Input2Offset, p.Input2Multiplier);
        int raw = p.OutputMultiplier.Apply(scaled1 - scaled2) + p.OutputOffset;
        return (sbyte)p.Clamp.Clamp(raw);
    }
}
