using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MicroBackbone.Runtime;

/// <summary>
/// The x86 convolution engine: out[p, o] = requantize(foldedBias[o] + sum_k row(p)[k] * w[o, k]) for every output
/// pixel p, where a row is a pixel's channels (1x1) or its receptive field (im2col). Per call the [outputs, depth]
/// weights are packed on the stack as [unit][output] (a unit is 4 int8 for VNNI, 2 int16 for AVX2), so one broadcast
/// input unit times one weight vector adds a unit's products to 8 outputs; four pixels share each weight load. Sums
/// wrap in int32 lanes like the scalar loop, so results are identical to it.
/// </summary>
internal static class PackedGemm
{
    /// <summary>Packed weights per pass, in 32-bit units (32 KiB of stack); wider layers run in output chunks.</summary>
    private const int MaxPackedUnits = 8192;

    /// <summary>Pixels computed together (each weight vector is loaded once for them).</summary>
    private const int RowBlock = 4;

    /// <summary>Lets tests and measurements turn the kernel off (dot-product path) or keep it off VNNI (AVX2 path).</summary>
    internal static bool Enabled { get; set; } = true;

    /// <inheritdoc cref="Enabled"/>
    internal static bool UseVnni { get; set; } = true;

    /// <summary>Longest row (taps x channels) the kernel stages on the stack.</summary>
    private const int MaxDepth = 8192;

    /// <summary>
    /// Whether the kernel takes a layer of <paramref name="pixels"/> rows of <paramref name="depth"/> values: with
    /// <paramref name="filters"/> packed ahead of time for this machine any layer does; otherwise the weights must fit
    /// one stack pass in 8-output chunks and there must be enough pixels to repay packing them per call.
    /// </summary>
    public static bool Applies(int pixels, int depth, PackedFilters? filters) =>
        Enabled && RuntimeFeatures.UseVectorization && Avx2.IsSupported && depth <= MaxDepth
        && (filters?.Width == UnitWidth ? pixels >= 1 : pixels >= RowBlock && UnitCount(depth, 2) * 8 <= MaxPackedUnits);

    /// <summary>Values per unit of the engine this machine runs (0 where the kernel does not run).</summary>
    internal static int UnitWidth
    {
        get
        {
            if (!Enabled || !RuntimeFeatures.UseVectorization || !Avx2.IsSupported)
            {
                return 0;
            }
#if NET9_0_OR_GREATER
            if (UseVnni && AvxVnni.IsSupported)
            {
                return VnniQuads.Width;
            }
#endif
            return Int16Pairs.Width;
        }
    }

    /// <summary>Runs the layer; <see cref="Applies"/> must hold.</summary>
    public static void Run<TRows>(TRows rows, int pixels, int outputs, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights,
        ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, int outputZeroPoint,
        int activationMin, int activationMax, Span<sbyte> output, PackedFilters? filters)
        where TRows : struct, IGemmRows
    {
        var stage = new GemmOutputStage(outputZeroPoint, activationMin, activationMax);
        if (filters is not null && filters.Width != UnitWidth)
        {
            // Packed for another engine (e.g. made before a test switched engines): pack per call instead.
            filters = null;
        }

        if (filters is not null && (filters.Depth != rows.Depth || filters.Outputs != outputs || !filters.Matches(multipliers, shifts)))
        {
            // A cheap guard against passing another layer's packed filters (they would be used instead of the weights).
            throw new ArgumentException(
                $"the packed filters ({filters.Outputs} filters of {filters.Depth}) were made for another layer ({outputs} filters of {rows.Depth})",
                nameof(filters));
        }
#if NET9_0_OR_GREATER
        if (UseVnni && AvxVnni.IsSupported)
        {
            Run<TRows, VnniQuads>(ref rows, pixels, outputs, input, weights, foldedBias, multipliers, shifts, stage, output, filters);
            return;
        }
#endif
        Run<TRows, Int16Pairs>(ref rows, pixels, outputs, input, weights, foldedBias, multipliers, shifts, stage, output, filters);
    }

    /// <summary>Packs a whole layer ahead of time (see <see cref="PackedFilters"/>) for the engine this machine runs.</summary>
    internal static void PackAll(ReadOnlySpan<sbyte> weights, int depth, int outputs, ReadOnlySpan<int> foldedBias,
        ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, int width, Span<int> packed, Span<int> bias, Span<int> m, Span<int> s)
    {
        int padded = (outputs + 7) & ~7;
#if NET9_0_OR_GREATER
        if (width == VnniQuads.Width)
        {
            Pack<VnniQuads>(weights, depth, 0, outputs, padded, foldedBias, multipliers, shifts, packed, bias, m, s);
            return;
        }
#endif
        Pack<Int16Pairs>(weights, depth, 0, outputs, padded, foldedBias, multipliers, shifts, packed, bias, m, s);
    }

    private static void Run<TRows, TUnit>(ref TRows rows, int pixels, int outputs, ReadOnlySpan<sbyte> input, ReadOnlySpan<sbyte> weights,
        ReadOnlySpan<int> foldedBias, ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, GemmOutputStage stage, Span<sbyte> output,
        PackedFilters? filters)
        where TRows : struct, IGemmRows
        where TUnit : struct, IGemmUnit
    {
        int depth = rows.Depth;
        int units = UnitCount(depth, TUnit.Width);
        Span<int> staged = stackalloc int[RowBlock * units];
        Span<sbyte> scratch = stackalloc sbyte[depth];
        if (filters is not null)
        {
            Span<int> allSums = stackalloc int[RowBlock * filters.Padded];
            Pixels<TRows, TUnit>(ref rows, pixels, outputs, input, 0, outputs, filters.Padded, filters.Packed, filters.Bias,
                filters.Multipliers, filters.Shifts, stage, output, staged, scratch, allSums);
            return;
        }

        int chunk = Math.Min((outputs + 7) & ~7, MaxPackedUnits / units / 8 * 8);
        if (chunk < 8)
        {
            // Applies keeps such layers away; this keeps a future caller from looping forever.
            throw new InvalidOperationException($"a row of {depth} values does not fit one packing pass");
        }

        Span<int> packed = stackalloc int[units * chunk];
        Span<int> bias = stackalloc int[chunk];
        Span<int> m = stackalloc int[chunk];
        Span<int> s = stackalloc int[chunk];
        Span<int> sums = stackalloc int[RowBlock * chunk];
        for (int o0 = 0; o0 < outputs; o0 += chunk)
        {
            int count = Math.Min(chunk, outputs - o0);
            int padded = (count + 7) & ~7;
            Pack<TUnit>(weights, depth, o0, count, padded, foldedBias, multipliers, shifts, packed, bias, m, s);
            Pixels<TRows, TUnit>(ref rows, pixels, outputs, input, o0, count, padded, packed, bias, m, s, stage, output, staged, scratch, sums);
        }
    }

    /// <summary>Every pixel times one packed chunk of outputs [o0, o0 + count).</summary>
    private static void Pixels<TRows, TUnit>(ref TRows rows, int pixels, int outputs, ReadOnlySpan<sbyte> input, int o0, int count,
        int padded, ReadOnlySpan<int> packed, ReadOnlySpan<int> bias, ReadOnlySpan<int> m, ReadOnlySpan<int> s, GemmOutputStage stage,
        Span<sbyte> output, Span<int> staged, Span<sbyte> scratch, Span<int> sums)
        where TRows : struct, IGemmRows
        where TUnit : struct, IGemmUnit
    {
        int units = staged.Length / RowBlock;
        for (int p0 = 0; p0 < pixels; p0 += RowBlock)
        {
            int block = Math.Min(RowBlock, pixels - p0);
            for (int r = 0; r < block; r++)
            {
                TUnit.Stage(rows.Row(input, p0 + r, scratch), staged.Slice(r * units, units));
            }

            Block<TUnit>(staged, units, block, packed, padded, count, bias, m, s, stage, output.Slice((p0 * outputs) + o0), outputs, sums);
        }
    }

    private static void Pack<TUnit>(ReadOnlySpan<sbyte> weights, int depth, int o0, int count, int padded, ReadOnlySpan<int> foldedBias,
        ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts, Span<int> packed, Span<int> bias, Span<int> m, Span<int> s)
        where TUnit : struct, IGemmUnit
    {
        int width = TUnit.Width;
        int units = UnitCount(depth, width);
        int whole = depth / width;
        ref int p = ref MemoryMarshal.GetReference(packed);
        Span<sbyte> last = stackalloc sbyte[4];
        for (int o = 0; o < padded; o++)
        {
            if (o >= count)
            {
                for (int u = 0; u < units; u++)
                {
                    Unsafe.Add(ref p, (u * padded) + o) = 0;
                }

                bias[o] = 0;
                m[o] = 0;
                s[o] = 0;
                continue;
            }

            ReadOnlySpan<sbyte> filter = weights.Slice((o0 + o) * depth, depth);
            ref sbyte f = ref MemoryMarshal.GetReference(filter);
            for (int u = 0; u < whole; u++)
            {
                Unsafe.Add(ref p, (u * padded) + o) = TUnit.Pack(ref Unsafe.Add(ref f, u * width));
            }

            if (whole < units)
            {
                last.Clear();
                filter.Slice(whole * width).CopyTo(last);
                Unsafe.Add(ref p, (whole * padded) + o) = TUnit.Pack(ref MemoryMarshal.GetReference(last));
            }

            bias[o] = unchecked(foldedBias[o0 + o] - TUnit.StagingOffset(ChannelSums.Total(filter)));
            m[o] = multipliers[o0 + o];
            s[o] = shifts[o0 + o];
        }
    }

    /// <summary>
    /// Up to four staged rows times the packed chunk; row r's outputs go to output[r * rowStride ..] (the chunk's first
    /// output is at offset 0). The sums go through <paramref name="sums"/> ([4][padded]) between the two loops: each loop
    /// then needs few registers, so the JIT keeps the dot-product accumulators in registers with or without profile data.
    /// </summary>
    private static void Block<TUnit>(ReadOnlySpan<int> staged, int units, int rows, ReadOnlySpan<int> packed, int padded, int count,
        ReadOnlySpan<int> bias, ReadOnlySpan<int> m, ReadOnlySpan<int> s, GemmOutputStage stage, Span<sbyte> output, int rowStride,
        Span<int> sums)
        where TUnit : struct, IGemmUnit
    {
        ref int x0 = ref MemoryMarshal.GetReference(staged);
        ref int x1 = ref Unsafe.Add(ref x0, units);
        ref int x2 = ref Unsafe.Add(ref x0, 2 * units);
        ref int x3 = ref Unsafe.Add(ref x0, 3 * units);
        ref int w = ref MemoryMarshal.GetReference(packed);
        ref int acc = ref MemoryMarshal.GetReference(sums);
        ref int b = ref MemoryMarshal.GetReference(bias);
        int o = 0;
        for (; o <= padded - 24; o += 24)
        {
            // 24 outputs at a time: 12 independent accumulators cover VPDPBUSD's latency (5 cycles, 2 per cycle),
            // 3 weights and a broadcast make 16 registers (the JIT takes ymm16+ where EVEX exists); 7 loads per 12 dot products.
            Vector256<int> a0 = Vector256.LoadUnsafe(ref b, (nuint)o);
            Vector256<int> c0 = Vector256.LoadUnsafe(ref b, (nuint)(o + 8));
            Vector256<int> d0 = Vector256.LoadUnsafe(ref b, (nuint)(o + 16));
            Vector256<int> a1 = a0, a2 = a0, a3 = a0;
            Vector256<int> c1 = c0, c2 = c0, c3 = c0;
            Vector256<int> d1 = d0, d2 = d0, d3 = d0;
            ref int wo = ref Unsafe.Add(ref w, o);
            for (int u = 0; u < units; u++)
            {
                Vector256<int> wv = Vector256.LoadUnsafe(ref wo, (nuint)(u * padded));
                Vector256<int> wv8 = Vector256.LoadUnsafe(ref wo, (nuint)((u * padded) + 8));
                Vector256<int> wv16 = Vector256.LoadUnsafe(ref wo, (nuint)((u * padded) + 16));
                Vector256<int> x = Vector256.Create(Unsafe.Add(ref x0, u));
                a0 = TUnit.Accumulate(a0, x, wv);
                c0 = TUnit.Accumulate(c0, x, wv8);
                d0 = TUnit.Accumulate(d0, x, wv16);
                x = Vector256.Create(Unsafe.Add(ref x1, u));
                a1 = TUnit.Accumulate(a1, x, wv);
                c1 = TUnit.Accumulate(c1, x, wv8);
                d1 = TUnit.Accumulate(d1, x, wv16);
                x = Vector256.Create(Unsafe.Add(ref x2, u));
                a2 = TUnit.Accumulate(a2, x, wv);
                c2 = TUnit.Accumulate(c2, x, wv8);
                d2 = TUnit.Accumulate(d2, x, wv16);
                x = Vector256.Create(Unsafe.Add(ref x3, u));
                a3 = TUnit.Accumulate(a3, x, wv);
                c3 = TUnit.Accumulate(c3, x, wv8);
                d3 = TUnit.Accumulate(d3, x, wv16);
            }

            a0.StoreUnsafe(ref acc, (nuint)o);
            c0.StoreUnsafe(ref acc, (nuint)(o + 8));
            d0.StoreUnsafe(ref acc, (nuint)(o + 16));
            a1.StoreUnsafe(ref acc, (nuint)(padded + o));
            c1.StoreUnsafe(ref acc, (nuint)(padded + o + 8));
            d1.StoreUnsafe(ref acc, (nuint)(padded + o + 16));
            a2.StoreUnsafe(ref acc, (nuint)((2 * padded) + o));
            c2.StoreUnsafe(ref acc, (nuint)((2 * padded) + o + 8));
            d2.StoreUnsafe(ref acc, (nuint)((2 * padded) + o + 16));
            a3.StoreUnsafe(ref acc, (nuint)((3 * padded) + o));
            c3.StoreUnsafe(ref acc, (nuint)((3 * padded) + o + 8));
            d3.StoreUnsafe(ref acc, (nuint)((3 * padded) + o + 16));
        }

        for (; o <= padded - 16; o += 16)
        {
            // 16 outputs at a time: every broadcast input unit feeds two weight vectors, so the loop issues 6 loads per 8
            // dot products instead of 5 per 4 (it was bound by loads); 8 accumulators, 2 weights and a broadcast fit
            // the 16 AVX2 registers.
            Vector256<int> a0 = Vector256.LoadUnsafe(ref b, (nuint)o);
            Vector256<int> c0 = Vector256.LoadUnsafe(ref b, (nuint)(o + 8));
            Vector256<int> a1 = a0, a2 = a0, a3 = a0;
            Vector256<int> c1 = c0, c2 = c0, c3 = c0;
            ref int wo = ref Unsafe.Add(ref w, o);
            for (int u = 0; u < units; u++)
            {
                Vector256<int> wv = Vector256.LoadUnsafe(ref wo, (nuint)(u * padded));
                Vector256<int> wv8 = Vector256.LoadUnsafe(ref wo, (nuint)((u * padded) + 8));
                Vector256<int> x = Vector256.Create(Unsafe.Add(ref x0, u));
                a0 = TUnit.Accumulate(a0, x, wv);
                c0 = TUnit.Accumulate(c0, x, wv8);
                x = Vector256.Create(Unsafe.Add(ref x1, u));
                a1 = TUnit.Accumulate(a1, x, wv);
                c1 = TUnit.Accumulate(c1, x, wv8);
                x = Vector256.Create(Unsafe.Add(ref x2, u));
                a2 = TUnit.Accumulate(a2, x, wv);
                c2 = TUnit.Accumulate(c2, x, wv8);
                x = Vector256.Create(Unsafe.Add(ref x3, u));
                a3 = TUnit.Accumulate(a3, x, wv);
                c3 = TUnit.Accumulate(c3, x, wv8);
            }

            a0.StoreUnsafe(ref acc, (nuint)o);
            c0.StoreUnsafe(ref acc, (nuint)(o + 8));
            a1.StoreUnsafe(ref acc, (nuint)(padded + o));
            c1.StoreUnsafe(ref acc, (nuint)(padded + o + 8));
            a2.StoreUnsafe(ref acc, (nuint)((2 * padded) + o));
            c2.StoreUnsafe(ref acc, (nuint)((2 * padded) + o + 8));
            a3.StoreUnsafe(ref acc, (nuint)((3 * padded) + o));
            c3.StoreUnsafe(ref acc, (nuint)((3 * padded) + o + 8));
        }

        for (; o < padded; o += 8)
        {
            Vector256<int> a0 = Vector256.LoadUnsafe(ref b, (nuint)o);
            Vector256<int> a1 = a0;
            Vector256<int> a2 = a0;
            Vector256<int> a3 = a0;
            ref int wo = ref Unsafe.Add(ref w, o);
            for (int u = 0; u < units; u++)
            {
                Vector256<int> wv = Vector256.LoadUnsafe(ref wo, (nuint)(u * padded));
                a0 = TUnit.Accumulate(a0, Vector256.Create(Unsafe.Add(ref x0, u)), wv);
                a1 = TUnit.Accumulate(a1, Vector256.Create(Unsafe.Add(ref x1, u)), wv);
                a2 = TUnit.Accumulate(a2, Vector256.Create(Unsafe.Add(ref x2, u)), wv);
                a3 = TUnit.Accumulate(a3, Vector256.Create(Unsafe.Add(ref x3, u)), wv);
            }

            a0.StoreUnsafe(ref acc, (nuint)o);
            a1.StoreUnsafe(ref acc, (nuint)(padded + o));
            a2.StoreUnsafe(ref acc, (nuint)((2 * padded) + o));
            a3.StoreUnsafe(ref acc, (nuint)((3 * padded) + o));
        }

        for (int r = 0; r < rows; r++)
        {
            ref int row = ref Unsafe.Add(ref acc, r * padded);
            Span<sbyte> destination = output.Slice(r * rowStride, count);
            o = 0;
            if (ChannelRequantization16.IsSupported)
            {
                for (; o <= count - 16; o += 16)
                {
                    var channels = new ChannelRequantization16(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(m), (nuint)o),
                        Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)o));
                    stage.Store(Vector512.LoadUnsafe(ref row, (nuint)o), channels, destination.Slice(o, 16));
                }
            }

            for (; o < count; o += 8)
            {
                var channels = new ChannelRequantization(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(m), (nuint)o),
                    Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)o));
                stage.Store(Vector256.LoadUnsafe(ref row, (nuint)o), channels, destination.Slice(o), Math.Min(8, count - o));
            }
        }
    }

    internal static int UnitCount(int depth, int width) => (depth + width - 1) / width;

    /// <summary>The GEMM's output stage: requantize a vector of sums per channel, add the zero point, clamp, store as int8.</summary>
    private readonly struct GemmOutputStage
    {
        private readonly Vector256<int> zeroPoint;
        private readonly Vector256<int> min;
        private readonly Vector256<int> max;

        public GemmOutputStage(int zeroPoint, int min, int max)
        {
            this.zeroPoint = Vector256.Create(zeroPoint);
            this.min = Vector256.Create(min);
            this.max = Vector256.Create(max);
        }

        /// <summary>Requantizes 16 outputs and stores them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector512<int> acc, in ChannelRequantization16 channels, Span<sbyte> destination)
        {
            Vector512<int> r = channels.MultiplyByQuantizedMultiplier(acc) + Vector512.Create(zeroPoint, zeroPoint);
            r = Vector512.Min(Vector512.Max(r, Vector512.Create(min, min)), Vector512.Create(max, max));
            // Truncating narrow: the lanes are already within int8.
            Avx512F.ConvertToVector128SByte(r).StoreUnsafe(ref MemoryMarshal.GetReference(destination));
        }

        /// <summary>Requantizes 8 outputs and stores the first <paramref name="lanes"/> of them.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Store(Vector256<int> acc, in ChannelRequantization channels, Span<sbyte> destination, int lanes)
        {
            Vector256<int> r = channels.MultiplyByQuantizedMultiplier(acc) + zeroPoint;
            r = Vector256.Min(Vector256.Max(r, min), max);
            if (lanes == 8)
            {
                OutputStage.Store8(r, ref MemoryMarshal.GetReference(destination));
                return;
            }

            ulong bytes = 0;
            OutputStage.Store8(r, ref Unsafe.As<ulong, sbyte>(ref bytes));
            for (int i = 0; i < lanes; i++)
            {
                destination[i] = (sbyte)(bytes >> (8 * i));
            }
        }
    }
}
