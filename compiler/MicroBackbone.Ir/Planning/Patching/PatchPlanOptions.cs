namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>Knobs of <see cref="PatchPlanner"/>.</summary>
/// <param name="MaxBands">Most row bands tried at the split point.</param>
/// <param name="MaxExtraMacFraction">Recomputed MACs allowed, as a fraction of the whole graph's MACs.</param>
/// <param name="MemoryBudget">
/// When set: the schedule with the fewest MACs whose peak fits this many bytes (no patches when the plain plan fits;
/// the smallest-peak schedule when nothing fits, for the caller to report).
/// When null: the schedule with the smallest arena (fewest MACs among equals).
/// </param>
/// <param name="Candidates">How many schedules, best by the estimate, are measured with the real memory planner.</param>
public sealed record PatchPlanOptions(int MaxBands = 16, double MaxExtraMacFraction = 0.15, long? MemoryBudget = null, int Candidates = 24)
{
    /// <summary>Up to 16 bands, at most 15 % extra MACs, smallest arena.</summary>
    public static PatchPlanOptions Default { get; } = new();
}
