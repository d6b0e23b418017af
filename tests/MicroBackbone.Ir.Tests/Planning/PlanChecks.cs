using MicroBackbone.Ir;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.Ir.Tests.Planning;

/// <summary>Exhaustive invariants every memory plan must satisfy.</summary>
internal static class PlanChecks
{
    public static void AssertSound(IrGraph graph, MemoryPlan plan)
    {
        var ids = plan.TensorIds.ToList();
        foreach (var id in ids)
        {
            var offset = plan.OffsetOf(id);
            Assert.True(offset % plan.Alignment == 0, $"tensor #{id} offset {offset} is not aligned");
            Assert.True(offset + graph.Tensor(id).ByteSize <= plan.ArenaBytes, $"tensor #{id} ends past the arena");
        }

        var views = RowViews.Find(graph);
        foreach (var a in ids)
        {
            foreach (var b in ids.Where(b => b > a))
            {
                var ia = plan.TensorIntervals[a];
                var ib = plan.TensorIntervals[b];
                var sameBuffer = ReferenceEquals(plan.BufferOf(a), plan.BufferOf(b));
                if ((views.TryGetValue(a, out var va) && va.Parent == b) || (views.TryGetValue(b, out var vb) && vb.Parent == a))
                {
                    // A row view lives inside its parent's bytes by design.
                    continue;
                }

                if (sameBuffer && !plan.IsView(a) && !plan.IsView(b))
                {
                    // In-place sharing is only sound when one dies exactly where the other is born.
                    Assert.True(ia.Last <= ib.First || ib.Last <= ia.First, $"tensors #{a} and #{b} share a buffer while both live");
                    continue;
                }

                if (!ia.Overlaps(ib))
                {
                    continue;
                }

                var aStart = plan.OffsetOf(a);
                var bStart = plan.OffsetOf(b);
                var disjoint = aStart + graph.Tensor(a).ByteSize <= bStart || bStart + graph.Tensor(b).ByteSize <= aStart;
                Assert.True(disjoint, $"tensors #{a} and #{b} are live together but overlap in the arena");
            }
        }

        Assert.True(plan.ArenaBytes >= plan.LowerBoundBytes);
        Assert.True(plan.ArenaBytes <= plan.NaiveBytes + (plan.Alignment * ids.Count));
    }
}
