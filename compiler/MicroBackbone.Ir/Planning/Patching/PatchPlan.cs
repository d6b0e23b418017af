namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>What <see cref="PatchPlanner"/> chose, with the figures to judge it.</summary>
/// <param name="Schedule">The chosen schedule, or null when running unpatched is best (or the only choice).</param>
/// <param name="UnpatchedPeakBytes">Peak RAM of the graph run whole, by the planner's measure (the arena by default; a back end may add its scratch).</param>
/// <param name="PeakBytes">Peak RAM of the chosen schedule (the unpatched peak when <paramref name="Schedule"/> is null).</param>
/// <param name="Macs">MACs of the whole graph run without patches.</param>
/// <param name="ExtraMacs">MACs the schedule computes again (0 without patches).</param>
public sealed record PatchPlan(PatchSchedule? Schedule, long UnpatchedPeakBytes, long PeakBytes, long Macs, long ExtraMacs)
{
    /// <summary>True when patches are used.</summary>
    public bool IsPatched => Schedule is not null;
}
