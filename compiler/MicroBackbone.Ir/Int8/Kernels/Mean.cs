namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared integers for <see cref="Mean"/> over H and W (global average pool, keep_dims).</summary>
public sealed class MeanParams
{
    private MeanParams(Nhwc input, int inputZeroPoint, int outputZeroPoint, QuantizedMultiplier multiplier)
    {
        Input = input;
        InputZeroPoint = inputZeroPoint;
        OutputZeroPoint = outputZeroPoint;
        Multiplier = multiplier;
    }

    /// <summary>Input shape; the output is [N, 1, 1, C].</summary>
    public Nhwc Input { get; }

    /// <summary>Input zero point, subtracted once per reduced element.</summary>
    public int InputZeroPoint { get; }

    /// <summary>Output zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>input_scale / output_scale / (H * W), with the division folded into the multiplier.</summary>
    public QuantizedMultiplier Multiplier { get; }

    /// <summary>
    /// Prepares like TFLM's reduce PrepareSimple + reference_ops::QuantizedMeanOrSum: M = QuantizeMultiplier(in/out),
    /// then with n = H*W and s = min(floor(log2 n), 32, 31 + shift): multiplier = (multiplier &lt;&lt; s) / n
    /// (truncating int64 division), shift -= s.
    /// </summary>
    public static MeanParams Prepare(Nhwc input, QuantizationParams inputQuant, QuantizationParams outputQuant)
    {
        var m = QuantizedMultiplier.FromDouble((double)inputQuant.Scale / outputQuant.Scale);
        long count = (long)input.Height * input.Width;
        int s = 63 - CountLeadingZeros64((ulong)count);
        s = Math.Min(s, 32);
        s = Math.Min(s, 31 + m.Shift);
        int folded = (int)(((long)m.Multiplier << s) / count);
        return new MeanParams(input, inputQuant.ZeroPoint, outputQuant.ZeroPoint, new QuantizedMultiplier(folded, m.Shift - s));
    }

    private static int CountLeadingZeros64(ulong value)
    {
        uint high = (uint)(value >> 32);
        return high != 0 ? FixedPointFunctions.CountLeadingZeros(high) : 32 + FixedPointFunctions.CountLeadingZeros((uint)value);
    }
}

/// <summary>int8 mean over the spatial axes of an NHWC tensor (TFLite MEAN with axes [1, 2], keep_dims).</summary>
public static class Mean
{
    /// <summary>out[n,c] = clamp(zp_out + MBQM(sum_hw in[n,h,w,c] - zp_in * H * W, M)).</summary>
    public static void Eval(MeanParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        Nhwc s = p.Input;
        s.CheckLength(input.Length, "mean input");
        if (output.Length != s.Batch * s.Channels)
        {
            throw new ArgumentException($"mean output has {output.Length} elements, expected {s.Batch * s.Channels}");
        }

        int count = s.Height * s.Width;
        for (int n = 0; n < s.Batch; n++)
        {
            for (int c = 0; c < s.Channels; c++)
            {
                int sum = 0;
                for (int h = 0; h < s.Height; h++)
                {
                    for (int w = 0; w < s.Width; w++)
                    {
                        sum += input[s.Offset(n, h, w, c)];
                    }
                }

                int centered = unchecked(sum - (p.InputZeroPoint * count));
                int result = p.Multiplier.Apply(centered) + p.OutputZeroPoint;
                output[(n * s.Channels) + c] = (sbyte)FixedPoint.Clamp(result, sbyte.MinValue, sbyte.MaxValue);
            }
        }
    }
}
