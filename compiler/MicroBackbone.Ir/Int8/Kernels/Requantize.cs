namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Requantize"/> (TFLM quantize_common.cc, int8 -> int8 branch).</summary>
public sealed class RequantizeParams
{
    private RequantizeParams(int inputZeroPoint, int outputZeroPoint, QuantizedMultiplier multiplier)
    {
        InputZeroPoint = inputZeroPoint;
        OutputZeroPoint = outputZeroPoint;
        Multiplier = multiplier;
    }

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>Output zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>(double)input_scale / output_scale.</summary>
    public QuantizedMultiplier Multiplier { get; }

    /// <summary>Prepares the rescale between two int8 quantizations.</summary>
    public static RequantizeParams Prepare(QuantizationParams input, QuantizationParams output) =>
        new(input.ZeroPoint, output.ZeroPoint, QuantizedMultiplier.FromDouble((double)input.Scale / output.Scale));
}

/// <summary>int8 -> int8 rescale (TFLite QUANTIZE with an int8 input; reference/requantize.h).</summary>
public static class Requantize
{
    /// <summary>out = clamp(MBQM(x - zp_in, M) + zp_out, -128, 127).</summary>
    public static void Eval(RequantizeParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        if (input.Length != output.Length)
        {
            throw new ArgumentException($"requantize buffers differ in length ({input.Length} -> {output.Length})");
        }

        for (int i = 0; i < input.Length; i++)
        {
            int value = p.Multiplier.Apply(input[i] - p.InputZeroPoint) + p.OutputZeroPoint;
            output[i] = (sbyte)FixedPoint.Clamp(value, sbyte.MinValue, sbyte.MaxValue);
        }
    }
}
