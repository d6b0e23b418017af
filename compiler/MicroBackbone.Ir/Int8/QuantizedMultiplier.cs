namespace MicroBackbone.Ir.Int8;

/// <summary>
/// A real multiplier M encoded as an int32 Q0.31 fixed-point <see cref="Multiplier"/> in [2^30, 2^31) (or 0) and a
/// power-of-two <see cref="Shift"/>: M ~= Multiplier * 2^(Shift - 31). Built exactly like TFLite's
/// <c>QuantizeMultiplier</c> (tensorflow/lite/kernels/internal/quantization_util.cc, non-emulated-float build).
/// </summary>
public readonly struct QuantizedMultiplier : IEquatable<QuantizedMultiplier>
{
    /// <summary>Creates a multiplier from already-prepared integers.</summary>
    public QuantizedMultiplier(int multiplier, int shift)
    {
        Multiplier = multiplier;
        Shift = shift;
    }

    /// <summary>The Q0.31 significand; 0 encodes a zero (or flushed-to-zero tiny) multiplier.</summary>
    public int Multiplier { get; }

    /// <summary>Power-of-two exponent: positive means a left shift before the high multiply, negative a rounding right shift after it.</summary>
    public int Shift { get; }

    /// <summary>
    /// Encodes <paramref name="real"/> like TFLite: 0 -> (0, 0); otherwise frexp gives q in [0.5, 1) and an exponent,
    /// q is scaled by 2^31 and rounded half away from zero; a result of exactly 2^31 is halved and the exponent
    /// incremented; exponents below -31 flush to (0, 0).
    /// </summary>
    public static QuantizedMultiplier FromDouble(double real)
    {
        if (double.IsNaN(real) || double.IsInfinity(real))
        {
            throw new ArgumentOutOfRangeException(nameof(real), real, "a quantized multiplier must be finite");
        }

        if (real == 0.0)
        {
            return new QuantizedMultiplier(0, 0);
        }

        double q = FrExp(real, out int shift);
        long qFixed = (long)Math.Round(q * (1L << 31), MidpointRounding.AwayFromZero);
        if (qFixed == 1L << 31)
        {
            qFixed /= 2;
            shift++;
        }

        if (shift < -31)
        {
            // TFLite flushes multipliers below ~2^-31 to zero rather than shifting every bit out.
            return new QuantizedMultiplier(0, 0);
        }

        return new QuantizedMultiplier((int)qFixed, shift);
    }

    /// <summary>
    /// TFLite's <c>QuantizeMultiplierSmallerThanOneExp</c>: <paramref name="real"/> must be in (0, 1), so the shift is
    /// never positive. Used by Add.
    /// </summary>
    public static QuantizedMultiplier FromDoubleSmallerThanOne(double real)
    {
        if (!(real > 0.0 && real < 1.0))
        {
            throw new QuantizationException($"int8 multiplier {real:R} must be in (0, 1)");
        }

        QuantizedMultiplier result = FromDouble(real);
        if (result.Shift > 0)
        {
            throw new QuantizationException($"int8 multiplier {real:R} rounded to 1.0 or more");
        }

        return result;
    }

    /// <summary>
    /// TFLite's <c>QuantizeMultiplierGreaterThanOne</c>: <paramref name="real"/> must exceed 1, so the shift is
    /// non-negative. Used by softmax.
    /// </summary>
    public static QuantizedMultiplier FromDoubleGreaterThanOne(double real)
    {
        if (!(real > 1.0))
        {
            throw new QuantizationException($"int8 multiplier {real:R} must be greater than 1");
        }

        return FromDouble(real);
    }

    /// <summary>The real value this encoding represents (for diagnostics and tests).</summary>
    public double ToDouble() => Multiplier * Math.Pow(2.0, Shift - 31);

    /// <summary>Applies the multiplier to an int32 accumulator (TFLite's MultiplyByQuantizedMultiplier).</summary>
    public int Apply(int x) => FixedPoint.MultiplyByQuantizedMultiplier(x, Multiplier, Shift);

    /// <inheritdoc/>
    public bool Equals(QuantizedMultiplier other) => Multiplier == other.Multiplier && Shift == other.Shift;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is QuantizedMultiplier other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Multiplier * 397) ^ Shift;

    /// <inheritdoc/>
    public override string ToString() => $"({Multiplier}, {Shift})";

    /// <summary>
    /// C's frexp: returns m with |m| in [0.5, 1) and e with value = m * 2^e. netstandard2.0 has no frexp, so this reads
    /// the IEEE-754 fields directly (subnormals are normalised first).
    /// </summary>
    internal static double FrExp(double value, out int exponent)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int biased = (int)((bits >> 52) & 0x7FF);
        int adjust = 0;
        if (biased == 0)
        {
            value *= 18014398509481984.0; // 2^54 moves a subnormal into the normal range exactly.
            bits = BitConverter.DoubleToInt64Bits(value);
            biased = (int)((bits >> 52) & 0x7FF);
            adjust = -54;
        }

        exponent = biased - 1022 + adjust;
        long mantissaBits = (bits & unchecked((long)0x800FFFFFFFFFFFFFUL)) | (1022L << 52);
        return BitConverter.Int64BitsToDouble(mantissaBits);
    }
}
