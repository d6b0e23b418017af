namespace MicroBackbone.Runtime;

/// <summary>
/// A convolution's or fully connected layer's filters laid out once, ahead of the calls, for the engine this machine
/// runs (x86 with AVX2: 8 outputs per vector, VNNI quads or int16 pairs), with the bias and requantization constants
/// beside them. Generated classes create one per layer when the type loads and pass it to every call, so no call
/// re-packs its weights. Where the packed engine does not run (arm64, vectorization off), it holds nothing and the
/// kernels use the plain weights.
/// </summary>
public sealed class PackedFilters
{
    private PackedFilters(int width, int depth, int outputs, int[] packed, int[] bias, int[] multipliers, int[] shifts)
    {
        Width = width;
        Depth = depth;
        Outputs = outputs;
        Packed = packed;
        Bias = bias;
        Multipliers = multipliers;
        Shifts = shifts;
    }

    /// <summary>Input values per packed unit (4: VNNI, 2: AVX2 pairs, 0: nothing packed).</summary>
    internal int Width { get; }

    /// <summary>Weights per filter.</summary>
    internal int Depth { get; }

    /// <summary>Number of filters.</summary>
    internal int Outputs { get; }

    /// <summary>Outputs rounded up to whole vectors of 8.</summary>
    internal int Padded => (Outputs + 7) & ~7;

    internal int[] Packed { get; }

    internal int[] Bias { get; }

    internal int[] Multipliers { get; }

    internal int[] Shifts { get; }

    /// <summary>Whether these filters were made with these per-output multipliers and shifts.</summary>
    internal bool Matches(ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts) =>
        multipliers.SequenceEqual(Multipliers.AsSpan(0, Outputs)) && shifts.SequenceEqual(Shifts.AsSpan(0, Outputs));

    /// <summary>
    /// Lays out <paramref name="outputs"/> filters of <c>weights.Length / outputs</c> values each ([outputs, depth]
    /// or OHWI weights) with their per-output folded bias, multipliers and shifts, as the convolution calls take them.
    /// A call given the result computes with this copy, not with its own weights and bias: pass it only to the layer
    /// it was made from (a call with another shape, other multipliers or other shifts throws).
    /// </summary>
    public static PackedFilters Create(ReadOnlySpan<sbyte> weights, int outputs, ReadOnlySpan<int> foldedBias,
        ReadOnlySpan<int> multipliers, ReadOnlySpan<int> shifts)
    {
        if (outputs <= 0 || weights.Length % outputs != 0)
        {
            throw new ArgumentException($"{weights.Length} weights do not split into {outputs} filters", nameof(weights));
        }

        int depth = weights.Length / outputs;
        Check.PerChannel(foldedBias, multipliers, shifts, outputs);
        int width = PackedGemm.UnitWidth;
        if (width == 0)
        {
            return new PackedFilters(0, depth, outputs, [], [], [], []);
        }

        int padded = (outputs + 7) & ~7;
        var packed = new int[PackedGemm.UnitCount(depth, width) * padded];
        var bias = new int[padded];
        var m = new int[padded];
        var s = new int[padded];
        PackedGemm.PackAll(weights, depth, outputs, foldedBias, multipliers, shifts, width, packed, bias, m, s);
        return new PackedFilters(width, depth, outputs, packed, bias, m, s);
    }
}
