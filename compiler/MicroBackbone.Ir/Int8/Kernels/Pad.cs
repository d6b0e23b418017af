namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>Prepared addressing for <see cref="Pad"/>: amounts before/after each NHWC axis and the fill value.</summary>
public sealed class PadParams
{
    private PadParams(Nhwc input, Nhwc output, int[] before, sbyte fill)
    {
        Input = input;
        Output = output;
        Before = before;
        Fill = fill;
    }

    /// <summary>Input shape.</summary>
    public Nhwc Input { get; }

    /// <summary>Output shape.</summary>
    public Nhwc Output { get; }

    /// <summary>Leading padding for N, H, W, C.</summary>
    public IReadOnlyList<int> Before { get; }

    /// <summary>The value written into padding: the zero point, i.e. real 0.</summary>
    public sbyte Fill { get; }

    /// <summary>
    /// Prepares a pad; <paramref name="before"/> and <paramref name="after"/> have 4 non-negative entries (N, H, W, C).
    /// Like TFLM's PAD without constant values, the fill is the output zero point, and input and output quantization
    /// must match.
    /// </summary>
    public static PadParams Prepare(Nhwc input, IReadOnlyList<int> before, IReadOnlyList<int> after, QuantizationParams inputQuant, QuantizationParams outputQuant)
    {
        if (before.Count != 4 || after.Count != 4 || before.Any(v => v < 0) || after.Any(v => v < 0))
        {
            throw new QuantizationException("pad amounts must be 4 non-negative values before and after (N, H, W, C)");
        }

        if (!inputQuant.Equals(outputQuant))
        {
            throw new QuantizationException($"int8 pad needs equal input and output quantization, got {inputQuant} and {outputQuant}");
        }

        var output = new Nhwc(input.Batch + before[0] + after[0], input.Height + before[1] + after[1],
            input.Width + before[2] + after[2], input.Channels + before[3] + after[3]);
        return new PadParams(input, output, before.ToArray(), (sbyte)outputQuant.ZeroPoint);
    }
}

/// <summary>int8 zero-point padding (reference/pad.h PadImpl with the zero point as pad value).</summary>
public static class Pad
{
    /// <summary>Copies the input into its place inside the output and fills the rest with <see cref="PadParams.Fill"/>.</summary>
    public static void Eval(PadParams p, ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        p.Input.CheckLength(input.Length, "pad input");
        p.Output.CheckLength(output.Length, "pad output");
        output.Fill(p.Fill);
        Nhwc s = p.Input;
        for (int n = 0; n < s.Batch; n++)
        {
            for (int h = 0; h < s.Height; h++)
            {
                for (int w = 0; w < s.Width; w++)
                {
                    input.Slice(s.Offset(n, h, w, 0), s.Channels)
                        .CopyTo(output.Slice(p.Output.Offset(n + p.Before[0], h + p.Before[1], w + p.Before[2], p.Before[3]), s.Channels));
                }
            }
        }
    }
}
