namespace MicroBackbone.Ir.Int8;

/// <summary>
/// Per-tensor affine int8 quantization: real = Scale * (q - ZeroPoint). The scale is float32 because that is what
/// TFLite stores and what every Prepare step starts from; keeping it float makes all back ends derive identical
/// integers.
/// </summary>
public readonly struct QuantizationParams : IEquatable<QuantizationParams>
{
    /// <summary>Creates the parameters; the scale must be positive and finite, the zero point in [-128, 127].</summary>
    public QuantizationParams(float scale, int zeroPoint)
    {
        if (!(scale > 0f) || float.IsInfinity(scale))
        {
            throw new QuantizationException($"int8 scale {scale:R} must be positive and finite");
        }

        if (zeroPoint < sbyte.MinValue || zeroPoint > sbyte.MaxValue)
        {
            throw new QuantizationException($"int8 zero point {zeroPoint} must be in [-128, 127]");
        }

        Scale = scale;
        ZeroPoint = zeroPoint;
    }

    /// <summary>Real value of one quantization step.</summary>
    public float Scale { get; }

    /// <summary>The int8 value that represents real 0 exactly.</summary>
    public int ZeroPoint { get; }

    /// <summary>
    /// Quantizes one real value like TFLite's AffineQuantize: round(value / scale) in float32 with ties away from
    /// zero, plus the zero point, clamped to int8 (NaN quantizes to the zero point).
    /// </summary>
    public sbyte Quantize(float value)
    {
        // Added in 64 bits so a saturated huge quotient cannot wrap around when the zero point is added.
        long q = (long)QuantizationMath.RoundToInt(value / Scale) + ZeroPoint;
        return (sbyte)Math.Max(sbyte.MinValue, Math.Min(sbyte.MaxValue, q));
    }

    /// <summary>Dequantizes like TFLite's Dequantize: (float)((double)scale * (q - zero point)).</summary>
    public float Dequantize(sbyte q) => (float)((double)Scale * (q - ZeroPoint));

    /// <inheritdoc/>
    public bool Equals(QuantizationParams other) => Scale.Equals(other.Scale) && ZeroPoint == other.ZeroPoint;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is QuantizationParams other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Scale.GetHashCode() * 397) ^ ZeroPoint;

    /// <inheritdoc/>
    public override string ToString() => $"scale={Scale:R} zp={ZeroPoint}";
}
