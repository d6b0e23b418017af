namespace MicroBackbone.Ir;

/// <summary>Checks on a single tensor: shape, quantization parameters and constant data length.</summary>
internal static class TensorRules
{
    public static void Check(IrTensor t)
    {
        if (t.Id < 0)
        {
            throw new IrValidationException($"tensor {t.Describe()} has a negative id");
        }

        if (t.Shape.Count == 0 || t.Shape.Any(d => d < 1))
        {
            throw new IrValidationException($"tensor {t.Describe()} must have rank >= 1 and dimensions >= 1");
        }

        if (t.DataType.IsQuantized8Bit() && t.Quant is null)
        {
            throw new IrValidationException($"tensor {t.Describe()} is {t.DataType.ToMbirName()} but has no quantization parameters");
        }

        if (t.Quant is { } q)
        {
            CheckQuant(t, q);
        }

        if (t.IsState && t.Data is not null)
        {
            throw new IrValidationException($"state tensor {t.Describe()} carries data; state starts at its reset value and has none");
        }

        if (t.Data is { } data && data.Count != t.ByteSize)
        {
            throw new IrValidationException(
                $"constant {t.Describe()} has {data.Count} data bytes, expected {t.ByteSize} ({t.ElementCount} elements x {t.DataType.ElementSize()} bytes)");
        }
    }

    private static void CheckQuant(IrTensor t, QuantParams q)
    {
        if (q.Scales.Count == 0 || q.Scales.Count != q.ZeroPoints.Count)
        {
            throw new IrValidationException(
                $"tensor {t.Describe()} has {q.Scales.Count} scales and {q.ZeroPoints.Count} zero points; expected the same non-zero count");
        }

        if (q.Axis < 0 || q.Axis >= t.Shape.Count)
        {
            throw new IrValidationException($"tensor {t.Describe()} has quantized axis {q.Axis} outside its rank {t.Shape.Count}");
        }

        if (q.IsPerChannel && q.Scales.Count != t.Shape[q.Axis])
        {
            throw new IrValidationException(
                $"tensor {t.Describe()} has {q.Scales.Count} per-channel scales, expected {t.Shape[q.Axis]} (dimension {q.Axis})");
        }

        foreach (var s in q.Scales)
        {
            if (!(s > 0) || float.IsInfinity(s))
            {
                throw new IrValidationException($"tensor {t.Describe()} has scale {s}; scales must be finite and > 0");
            }
        }

        var (min, max) = t.DataType switch
        {
            IrDataType.Int8 => (-128, 127),
            IrDataType.UInt8 => (0, 255),
            _ => (int.MinValue, int.MaxValue),
        };
        foreach (var z in q.ZeroPoints)
        {
            if (z < min || z > max)
            {
                throw new IrValidationException($"tensor {t.Describe()} has zero point {z} outside [{min}, {max}]");
            }
        }
    }
}
