using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MicroBackbone.Runtime;

/// <summary>Per-channel spatial shift (MicroBackbone's own operator): pure addressing, same quantization in and out.</summary>
public static class Shift
{
    /// <summary>Most distinct (dy, dx) offsets the vector path handles (a 3x3 neighbourhood); more run scalar.</summary>
    private const int MaxDirections = 9;

    /// <summary>
    /// out[n,h,w,c] = in[n, h + offsetY[c], w + offsetX[c], c] when inside the input, else <paramref name="fill"/>
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
        int vectorChannels = channels & ~15;
        Span<int> dy = stackalloc int[MaxDirections];
        Span<int> dx = stackalloc int[MaxDirections];
        int directions = RuntimeFeatures.UseVectorization && Vector128.IsHardwareAccelerated && vectorChannels > 0
            ? Directions(offsetY, offsetX, dy, dx)
            : -1;
        if (directions < 0)
        {
            vectorChannels = 0;
        }

        // masks[d * vectorChannels + c] is all ones where channel c moves by direction d; active[k] lists, per
        // 16-channel chunk k, the directions it uses (most chunks use one or two).
        Span<sbyte> masks = stackalloc sbyte[Math.Max(0, directions) * vectorChannels];
        int chunks = vectorChannels / 16;
        Span<byte> active = stackalloc byte[chunks * MaxDirections];
        Span<byte> activeCount = stackalloc byte[chunks];
        activeCount.Clear();
        for (int d = 0; d < directions; d++)
        {
            for (int c = 0; c < vectorChannels; c++)
            {
                bool moves = offsetY[c] == dy[d] && offsetX[c] == dx[d];
                masks[(d * vectorChannels) + c] = (sbyte)(moves ? -1 : 0);
                int k = c / 16;
                if (moves && (activeCount[k] == 0 || active[(k * MaxDirections) + activeCount[k] - 1] != d))
                {
                    active[(k * MaxDirections) + activeCount[k]] = (byte)d;
                    activeCount[k]++;
                }
            }
        }

        // Per direction: its input offset relative to the output pixel, and which rows and columns have a source.
        Span<int> relative = stackalloc int[MaxDirections];
        Span<int> columnValid = stackalloc int[shape.Width];
        columnValid.Clear();
        for (int d = 0; d < directions; d++)
        {
            relative[d] = ((dy[d] * shape.Width) + dx[d]) * channels;
            for (int w = 0; w < shape.Width; w++)
            {
                if ((uint)(w + dx[d]) < (uint)shape.Width)
                {
                    columnValid[w] |= 1 << d;
                }
            }
        }

        ref sbyte inRef = ref MemoryMarshal.GetReference(input);
        ref sbyte outRef = ref MemoryMarshal.GetReference(output);
        ref sbyte maskRef = ref MemoryMarshal.GetReference(masks);
        ref byte activeRef = ref MemoryMarshal.GetReference(active);
        ref int relativeRef = ref MemoryMarshal.GetReference(relative);
        Vector128<sbyte> fillVector = Vector128.Create(fill);
        for (int n = 0; n < shape.Batch; n++)
        {
            for (int h = 0; h < shape.Height; h++)
            {
                int rowValid = 0;
                for (int d = 0; d < directions; d++)
                {
                    rowValid |= (uint)(h + dy[d]) < (uint)shape.Height ? 1 << d : 0;
                }

                for (int w = 0; w < shape.Width; w++)
                {
                    int pixel = shape.Offset(n, h, w, 0);
                    int valid = rowValid & columnValid[w];
                    for (int k = 0; k < chunks; k++)
                    {
                        int c0 = k * 16;
                        Vector128<sbyte> result = fillVector;
                        for (int a = 0; a < activeCount[k]; a++)
                        {
                            int d = Unsafe.Add(ref activeRef, (k * MaxDirections) + a);
                            if (((valid >> d) & 1) != 0)
                            {
                                Vector128<sbyte> moved = Vector128.LoadUnsafe(ref inRef, (nuint)(pixel + Unsafe.Add(ref relativeRef, d) + c0));
                                result = Vector128.ConditionalSelect(Vector128.LoadUnsafe(ref maskRef, (nuint)((d * vectorChannels) + c0)), moved, result);
                            }
                        }

                        result.StoreUnsafe(ref outRef, (nuint)(pixel + c0));
                    }

                    Span<sbyte> o = output.Slice(pixel, channels);
                    for (int c = vectorChannels; c < channels; c++)
                    {
                        int sh = h + offsetY[c];
                        int sw = w + offsetX[c];
                        // One unsigned compare per axis covers both bounds.
                        o[c] = (uint)sh < (uint)shape.Height && (uint)sw < (uint)shape.Width ? input[shape.Offset(n, sh, sw, c)] : fill;
                    }
                }
            }
        }
    }

    /// <summary>The distinct (offsetY, offsetX) pairs, or -1 when there are more than <see cref="MaxDirections"/>.</summary>
    private static int Directions(ReadOnlySpan<int> offsetY, ReadOnlySpan<int> offsetX, Span<int> dy, Span<int> dx)
    {
        int count = 0;
        for (int c = 0; c < offsetY.Length; c++)
        {
            int d = 0;
            while (d < count && (dy[d] != offsetY[c] || dx[d] != offsetX[c]))
            {
                d++;
            }

            if (d == count)
            {
                if (count == MaxDirections)
                {
                    return -1;
                }

                dy[count] = offsetY[c];
                dx[count] = offsetX[c];
                count++;
            }
        }

        return count;
    }
}
