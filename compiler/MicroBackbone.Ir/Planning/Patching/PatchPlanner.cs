using MicroBackbone.Ir.Passes;

namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>
/// Chooses where the patch-based segment ends and into how many row bands it is cut. Every split point along the
/// <see cref="PatchChain"/> and every band count up to <see cref="PatchPlanOptions.MaxBands"/> within the recompute
/// allowance is costed with the receptive-field arithmetic (<see cref="PatchSchedule"/>); the most promising are
/// rewritten (<see cref="PatchRewrite"/>) and planned by the real arena measure, so the figure chosen on is the one
/// the back end gets.
/// </summary>
public static class PatchPlanner
{
    /// <summary>
    /// Plans <paramref name="graph"/> (int8, float edges stripped, passes run). <paramref name="peakOf"/> measures the
    /// peak RAM of a graph as the back end will plan it (by default its arena: in-place marking, then
    /// <see cref="MemoryPlanner"/>); the budget of <see cref="PatchPlanOptions.MemoryBudget"/> is in the same measure.
    /// </summary>
    public static PatchPlan Plan(IrGraph graph, PatchPlanOptions? options = null, Func<IrGraph, long>? peakOf = null)
    {
        options ??= PatchPlanOptions.Default;
        peakOf ??= DefaultPeak;
        var macs = GraphCost.Of(graph).Macs;
        var unpatched = peakOf(graph);
        var none = new PatchPlan(null, unpatched, unpatched, macs, 0);
        if (options.MemoryBudget is long fits && unpatched <= fits)
        {
            return none;
        }

        var candidates = Candidates(graph, options, macs);
        var ranked = options.MemoryBudget is null
            ? candidates.OrderBy(c => c.Estimate).ThenBy(c => c.Schedule.PatchedMacs)
            : candidates.OrderBy(c => c.Estimate > options.MemoryBudget ? 1 : 0).ThenBy(c => c.Schedule.PatchedMacs).ThenBy(c => c.Estimate);
        var best = none;
        foreach (var (schedule, _) in ranked.Take(options.Candidates))
        {
            var peak = peakOf(PatchRewrite.Apply(graph, schedule));
            var plan = new PatchPlan(schedule, unpatched, peak, macs, schedule.RecomputeMacs);
            if (options.MemoryBudget is long budget)
            {
                if (peak <= budget && (!best.IsPatched || best.PeakBytes > budget || plan.ExtraMacs < best.ExtraMacs))
                {
                    best = plan;
                }
            }
            else if (peak < best.PeakBytes || (peak == best.PeakBytes && best.IsPatched && plan.ExtraMacs < best.ExtraMacs))
            {
                best = plan;
            }
        }

        // Nothing fits: the cheapest candidates were tried first, so look again for the smallest peak, which is what
        // the caller reports.
        return options.MemoryBudget is long limit && best.PeakBytes > limit ? Plan(graph, options with { MemoryBudget = null }, peakOf) : best;
    }

    /// <summary>Every buildable schedule within the recompute allowance, with its estimated peak.</summary>
    private static List<(PatchSchedule Schedule, long Estimate)> Candidates(IrGraph graph, PatchPlanOptions options, long macs)
    {
        var chain = PatchChain.Of(graph);
        var result = new List<(PatchSchedule, long)>();
        if (chain.Length == 0)
        {
            return result;
        }

        var rest = RestPeaks(graph, chain);
        for (var length = 1; length <= chain.Length; length++)
        {
            for (var bands = 2; bands <= options.MaxBands; bands++)
            {
                var schedule = PatchSchedule.Build(graph, chain, length, bands);
                if (schedule is null || schedule.RecomputeMacs > options.MaxExtraMacFraction * macs)
                {
                    continue;
                }

                result.Add((schedule, Math.Max(schedule.EstimatedSegmentPeakBytes, rest[length - 1])));
            }
        }

        return result;
    }

    /// <summary>
    /// For each segment length: the most bytes live at one operator after the segment, by tensor liveness in the
    /// unpatched graph (no in-place reuse: an upper estimate of what the rest of the graph needs).
    /// </summary>
    private static long[] RestPeaks(IrGraph graph, PatchChain chain)
    {
        var intervals = MemoryPlanner.Plan(graph, new MemoryPlanOptions(UseInPlace: false)).TensorIntervals;
        var live = new long[graph.Operators.Count];
        foreach (var pair in intervals)
        {
            for (var i = pair.Value.First; i <= pair.Value.Last; i++)
            {
                live[i] += graph.Tensor(pair.Key).ByteSize;
            }
        }

        var peaks = new long[chain.Length];
        for (var length = 1; length <= chain.Length; length++)
        {
            var after = chain.OperatorIndices[length - 1] + 1;
            peaks[length - 1] = after < live.Length ? live.Skip(after).Max() : 0;
        }

        return peaks;
    }

    private static long DefaultPeak(IrGraph graph) => MemoryPlanner.Plan(InPlaceMarking.Run(graph)).ArenaBytes;
}
