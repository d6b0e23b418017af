namespace MicroBackbone.Ir.Int8;

/// <summary>
/// The quantized clamp [Min, Max] a fused activation imposes on an int8 output, computed like TFLite's
/// CalculateActivationRangeQuantized (kernel_util.cc): each real bound is quantized with the output parameters and
/// intersected with [-128, 127].
/// </summary>
public readonly struct ActivationRange
{
    /// <summary>Creates a range from explicit bounds.</summary>
    public ActivationRange(int min, int max)
    {
        if (min > max)
        {
            throw new QuantizationException($"int8 activation range [{min}, {max}] is empty");
        }

        Min = min;
        Max = max;
    }

    /// <summary>Smallest allowed output value.</summary>
    public int Min { get; }

    /// <summary>Largest allowed output value.</summary>
    public int Max { get; }

    /// <summary>The full int8 range (no fused activation).</summary>
    public static ActivationRange Int8Full => new(sbyte.MinValue, sbyte.MaxValue);

    /// <summary>The clamp for <paramref name="activation"/> on an output quantized with <paramref name="output"/>.</summary>
    public static ActivationRange For(FusedActivation activation, QuantizationParams output)
    {
        int Quantize(float real) => (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, (long)output.ZeroPoint + QuantizationMath.RoundToInt(real / output.Scale)));
        int lo = sbyte.MinValue;
        int hi = sbyte.MaxValue;
        switch (activation)
        {
            case FusedActivation.None:
                break;
            case FusedActivation.Relu:
                lo = Math.Max(lo, Quantize(0f));
                break;
            case FusedActivation.Relu6:
                lo = Math.Max(lo, Quantize(0f));
                hi = Math.Min(hi, Quantize(6f));
                break;
            case FusedActivation.ReluN1To1:
                lo = Math.Max(lo, Quantize(-1f));
                hi = Math.Min(hi, Quantize(1f));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown fused activation");
        }

        return new ActivationRange(lo, hi);
    }

    /// <summary>Clamps an already-offset int32 result into the range.</summary>
    public int Clamp(int value) => FixedPoint.Clamp(value, Min, Max);
}
