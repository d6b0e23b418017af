using System.Globalization;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Planning.Patching;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Chooses the patch schedule of the generated C: the IR's <see cref="PatchPlanner"/> with this back end's memory
/// measure (its arena plan plus its scratch buffers, the RAM a board gives the model), then the band rewrite.
/// </summary>
internal static class CPatchSchedule
{
    /// <summary>The graph to lower (rewritten into bands when that was chosen) and the plan behind it.</summary>
    /// <exception cref="CBackEndException">A memory budget no schedule reaches (the message gives the smallest peak).</exception>
    public static (IrGraph Graph, PatchPlan Plan) Choose(IrGraph graph, PatchPlanOptions options)
    {
        long PeakOf(IrGraph g)
        {
            var (arena, s) = CModelBuilder.Footprint(g);
            return arena + s;
        }

        var plan = PatchPlanner.Plan(graph, options, PeakOf);
        if (options.MemoryBudget is long budget && plan.PeakBytes > budget)
        {
            throw new CBackEndException(string.Format(
                CultureInfo.InvariantCulture,
                "--memory-budget {0}: model '{1}' cannot run in {0} bytes of RAM; the smallest peak reachable is {2} bytes (arena + scratch) with patches, {3} without",
                budget,
                CIdentifiers.Comment(graph.Name),
                plan.PeakBytes,
                plan.UnpatchedPeakBytes));
        }

        return (plan.Schedule is { } schedule ? PatchRewrite.Apply(graph, schedule) : graph, plan);
    }
}
