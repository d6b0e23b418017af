using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Which convolutions get a kernel specialized to their depth (<c>MB_CONV1X1_FIXED(K, KP)</c> and
/// <c>MB_CONV2D_FIXED(K, KP)</c>, matmul.h): with the row strides as compile-time constants a scalar core keeps a
/// 4 x 4 block of accumulators in registers. Each distinct (kind, depth) costs about 1 KB of code on rv32imc, so only
/// those that carry the most MACs get one (at most <see cref="MaxKernels"/>); a layer also needs what the specialized
/// kernel assumes (<see cref="Fits"/>). Where the C compiler targets SIMD, -Os or Xtensa, the same source names the
/// shared kernel.
/// </summary>
internal sealed class FixedShapeKernels
{
    /// <summary>The most specialized depths one model gets: about 8 KB of code on rv32imc at -O2.</summary>
    public const int MaxKernels = 8;

    /// <summary>Immediate offsets of rv32 loads reach 2047 bytes: three rows past the first, plus the unrolled step.</summary>
    private const int MaxDepth = 512;

    private readonly HashSet<(bool Pointwise, int K, int KPad)> _chosen;
    private readonly SortedSet<(bool Pointwise, int K, int KPad)> _used = new();

    private FixedShapeKernels(HashSet<(bool Pointwise, int K, int KPad)> chosen) => _chosen = chosen;

    /// <summary>Picks the (kind, depth) pairs from the graph's convolutions, the heaviest first.</summary>
    public static FixedShapeKernels Choose(IrGraph g)
    {
        var macs = new Dictionary<(bool Pointwise, int K, int KPad), long>();
        foreach (var op in g.Operators.Where(o => o.Kind == IrOpKind.Conv2D))
        {
            var (x, w, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Inputs[1]), g.Tensor(op.Outputs[0]));
            if (w.Shape.Count != 4 || x.Shape.Count != 4 || y.Shape.Count != 4)
            {
                continue;
            }

            var a = op.AttributesAs<Conv2DAttributes>();
            if (a.Groups != 1)
            {
                continue; // grouped convolutions run their own kernel (conv_grouped)
            }

            var pointwise = w.Shape[1] == 1 && w.Shape[2] == 1 && a.StrideH == 1 && a.StrideW == 1 && a.Padding.IsZero;
            var k = w.Shape[1] * w.Shape[2] * x.Shape[3];
            var key = (pointwise, k, ConvolutionLowering.PaddedDepth(k));
            macs[key] = macs.GetValueOrDefault(key) + (y.ElementCount * k);
        }

        var chosen = macs.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(MaxKernels).Select(p => p.Key).ToHashSet();
        return new FixedShapeKernels(chosen);
    }

    /// <summary>
    /// The kernel call of a convolution layer (<paramref name="pointwise"/>: 1x1, stride 1, no padding; otherwise the
    /// im2col form) of depth <paramref name="k"/> over <paramref name="pixels"/> output pixels: the specialized one
    /// when its depth was chosen and it fits.
    /// </summary>
    public string Function(bool pointwise, int k, int kPad, long pixels, int outChannels, IReadOnlyList<int> foldedBias, IReadOnlyList<QuantizedMultiplier> multipliers)
    {
        var shared = pointwise ? "mb_conv1x1_s8" : "mb_conv2d_s8";
        if (!_chosen.Contains((pointwise, k, kPad)) || !Fits(k, kPad, pixels, outChannels, foldedBias, multipliers))
        {
            return shared;
        }

        _used.Add((pointwise, k, kPad));
        return $"{(pointwise ? "MB_CONV1X1_FIXED" : "MB_CONV2D_FIXED")}({k}, {kPad})";
    }

    /// <summary>The lines that define the specialized kernels in use, in a fixed order.</summary>
    public IReadOnlyList<string> Definitions =>
        _used.Select(u => $"{(u.Pointwise ? "MB_CONV1X1_FIXED_DEFINE" : "MB_CONV2D_FIXED_DEFINE")}({u.K}, {u.KPad})").ToList();

    /// <summary>
    /// What the specialized kernel takes for granted: whole blocks of four channels and at least one of four pixels,
    /// strides within an immediate offset, and every channel's requantization in the narrow form (a right shift of 1
    /// to 20 and a bias that keeps the accumulator inside ±2^29; mb_rqn_prepare and mb_rqn_fits in common.h).
    /// </summary>
    public static bool Fits(int k, int kPad, long pixels, int outChannels, IReadOnlyList<int> foldedBias, IReadOnlyList<QuantizedMultiplier> multipliers)
    {
        if (outChannels % 4 != 0 || pixels < 4 || k < 1 || kPad > MaxDepth)
        {
            return false;
        }

        var limit = (1L << 29) - 1 - ((long)k << 14);
        return foldedBias.All(b => Math.Abs((long)b) <= limit) && multipliers.All(m => m.Shift is >= -20 and <= -1);
    }
}
