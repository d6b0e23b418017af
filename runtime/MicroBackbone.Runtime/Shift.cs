namespace MicroBackbone.Runtime;

/// <summary>Per-channel spatial shift (MicroBackbone's own operator): pure addressing, same quantization in and out.</summary>
public static class Shift
{
    /// <summary>
    /// out[n,h,w,c] = in[n, h - offsetY[c], w - offsetX[c], c] when inside the input, else <paramref name="fill"/>
    /// (the zero point).
    /// </summary>
    public static void Run(TensorShape shape, ReadOnlySpan<int> offsetY, ReadOnlySpan<int> offsetX, sbyte fill,
        ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        shape.Check(input.Length, "shift input");
        shape.Check(output.Length, "shift output");
        int channels = shape.Channels;
        Check.Length(offsetY.Length, channels, "shift offsetY");
        Check.Length(offsetX.Length, channels, "shift offsetX");
        for (int n = 0; n < shape.Batch; n++)
        {
            for (int h = 0; h < shape.Height; h++)
            {
                for (int w = 0; w < shape.Width; w++)
                {
                    Span<sbyte> o = output.Slice(shape.Offset(n, h, w, 0), channels);
                    for (int c = 0; c < channels; c++)
                    {
                        int sh = h - offsetY[c];
                        int sw = w - offsetX[c];
                        // One unsigned compare per axis covers both bounds.
                        o[c] = (uint)sh < (uint)shape.Height && (uint)sw < (uint)shape.Width ? input[shape.Offset(n, sh, sw, c)] : fill;
                    }
                }
            }
        }
    }
}
