namespace MicroBackbone.Ir.Planning.Patching;

/// <summary>What <see cref="PatchPlanner"/> chose, with the figures to judge it.</summary>
/// <param name="Schedule">The chosen schedule, or null when running unpatched is best (or the only choice).</param>
/// <param name="UnpatchedArenaBytes">Arena of the graph run whole.</param>
/// <param name="ArenaBytes">Arena of the chosen schedule (the unpatched arena when <paramref name="Schedule"/> is null).</param>
/// <param name="Macs">MACs of the whole graph run without patches.</param>
/// <param name="ExtraMacs">MACs the schedule computes again (0 without patches).</param>
public sealed record PatchPlan(PatchSchedule? Schedule, long UnpatchedArenaBytes, long ArenaBytes, long Macs, long ExtraMacs)
{
    /// <summary>True when patches are used.</summary>
    public bool IsPatched => Schedule is not null;
}
