namespace MicroBackbone.Ir.Planning;

/// <summary>
/// Static arena planning for activation tensors over the operator order: live intervals, in-place groups, then
/// greedy placement by decreasing size into the best-fitting aligned gap among the buffers live at the same time.
/// </summary>
public static class MemoryPlanner
{
    /// <summary>Plans <paramref name="graph"/> (expected to be validated).</summary>
    public static MemoryPlan Plan(IrGraph graph, MemoryPlanOptions? options = null)
    {
        options ??= MemoryPlanOptions.Default;
        if (options.Alignment < 1 || (options.Alignment & (options.Alignment - 1)) != 0)
        {
            throw new ArgumentException($"alignment must be a power of two, got {options.Alignment}", nameof(options));
        }

        var intervals = Intervals(graph);
        // A view keeps the arena's alignment promise (kernels may read words), so only aligned rows become views.
        var views = RowViews.Find(graph)
            .Where(v => intervals.ContainsKey(v.Key) && intervals.ContainsKey(v.Value.Parent) && v.Value.Offset % options.Alignment == 0)
            .ToDictionary(v => v.Key, v => v.Value);
        var groups = Groups(graph, WithViewLifetimes(intervals, views), options.UseInPlace, views);
        var lowerBound = LowerBound(graph, groups);
        var naive = intervals.Keys.Sum(id => graph.Tensor(id).ByteSize);
        var placed = Place(groups, options.Alignment);
        return new MemoryPlan(placed, intervals, lowerBound, naive, options.Alignment, views.ToDictionary(v => v.Key, v => v.Value.Offset));
    }

    private static Dictionary<int, LiveInterval> Intervals(IrGraph graph)
    {
        var last = Math.Max(0, graph.Operators.Count - 1);
        var first = new Dictionary<int, int>();
        var end = new Dictionary<int, int>();
        foreach (var id in graph.Inputs)
        {
            first[id] = 0;
            end[id] = 0;
        }

        for (var i = 0; i < graph.Operators.Count; i++)
        {
            var op = graph.Operators[i];
            foreach (var id in op.Inputs)
            {
                if (end.ContainsKey(id))
                {
                    end[id] = i;
                }
            }

            foreach (var id in op.Outputs)
            {
                first[id] = i;
                end[id] = i;
            }
        }

        foreach (var id in graph.Outputs)
        {
            if (end.ContainsKey(id))
            {
                end[id] = last;
            }
        }

        return first.ToDictionary(p => p.Key, p => new LiveInterval(p.Value, end[p.Key]));
    }

    // A tensor holding views must keep its bytes while any of them is read (and a band written into it early is
    // already its data), so its interval grows to cover theirs.
    private static Dictionary<int, LiveInterval> WithViewLifetimes(Dictionary<int, LiveInterval> intervals, IReadOnlyDictionary<int, (int Parent, long Offset)> views)
    {
        var extended = new Dictionary<int, LiveInterval>(intervals);
        foreach (var v in views.OrderBy(v => v.Key))
        {
            if (extended.TryGetValue(v.Value.Parent, out var p) && intervals.TryGetValue(v.Key, out var life))
            {
                extended[v.Value.Parent] = new LiveInterval(Math.Min(p.First, life.First), Math.Max(p.Last, life.Last));
            }
        }

        return extended;
    }

    private static List<PlannedBuffer> Groups(IrGraph graph, Dictionary<int, LiveInterval> intervals, bool useInPlace, IReadOnlyDictionary<int, (int Parent, long Offset)> views)
    {
        // Each tensor starts as its own group; an accepted in-place op appends its output to its input's group.
        var groupOf = intervals.Keys.OrderBy(id => id).ToDictionary(id => id, id => new List<int> { id });
        var outputs = new HashSet<int>(graph.Outputs);
        for (var i = 0; i < graph.Operators.Count && useInPlace; i++)
        {
            var op = graph.Operators[i];
            if (op.InPlaceInput is not int input || op.Outputs.Count != 1 || !intervals.TryGetValue(input, out var life)
                || views.ContainsKey(input) || views.ContainsKey(op.Outputs[0]))
            {
                continue;
            }

            var output = op.Outputs[0];
            // Re-checked here so a stale or hand-written mark can never make two live tensors collide.
            if (life.Last != i || outputs.Contains(input) || graph.Tensor(input).ByteSize < graph.Tensor(output).ByteSize)
            {
                continue;
            }

            var group = groupOf[input];
            group.Add(output);
            groupOf[output] = group;
        }

        // A view joins the buffer of the tensor it lives in, at its offset there.
        foreach (var v in views.OrderBy(v => v.Key))
        {
            if (groupOf.TryGetValue(v.Key, out var own) && own.Count == 1 && groupOf.TryGetValue(v.Value.Parent, out var parent))
            {
                parent.Add(v.Key);
                groupOf[v.Key] = parent;
            }
        }

        return groupOf.Values.Distinct().Select(g => new PlannedBuffer(
            new EquatableArray<int>(g),
            0,
            g.Max(id => graph.Tensor(id).ByteSize + (views.TryGetValue(id, out var v) ? v.Offset : 0)),
            new LiveInterval(g.Min(id => intervals[id].First), g.Max(id => intervals[id].Last)))).ToList();
    }

    private static long LowerBound(IrGraph graph, List<PlannedBuffer> groups)
    {
        long best = 0;
        for (var i = 0; i < Math.Max(1, graph.Operators.Count); i++)
        {
            best = Math.Max(best, groups.Where(g => g.Interval.Contains(i)).Sum(g => g.Size));
        }

        return best;
    }

    // Placement is a packing problem; no single greedy order wins on every graph. Several deterministic orders and
    // two gap policies are tried and the smallest arena kept (ties go to the earlier candidate).
    private static List<PlannedBuffer> Place(List<PlannedBuffer> groups, int alignment)
    {
        var orders = new Func<IEnumerable<PlannedBuffer>, IOrderedEnumerable<PlannedBuffer>>[]
        {
            g => g.OrderByDescending(b => b.Size).ThenBy(b => b.Interval.First),
            g => g.OrderBy(b => b.Interval.First).ThenByDescending(b => b.Size),
            g => g.OrderByDescending(b => b.Interval.Last - b.Interval.First).ThenByDescending(b => b.Size),
            g => g.OrderByDescending(b => b.Size * (b.Interval.Last - b.Interval.First + 1)).ThenBy(b => b.Interval.First),
        };
        List<PlannedBuffer>? best = null;
        long bestArena = long.MaxValue;
        foreach (var order in orders)
        {
            foreach (var bestFit in new[] { true, false })
            {
                var placed = PlaceInOrder(order(groups).ThenBy(b => b.TensorIds[0]).ToList(), alignment, bestFit);
                var arena = placed.Count == 0 ? 0 : placed.Max(b => AlignUp(b.End, alignment));
                if (arena < bestArena)
                {
                    bestArena = arena;
                    best = placed;
                }
            }
        }

        return best ?? new List<PlannedBuffer>();
    }

    private static List<PlannedBuffer> PlaceInOrder(List<PlannedBuffer> order, int alignment, bool bestFit)
    {
        var placed = new List<PlannedBuffer>();
        foreach (var g in order)
        {
            var neighbours = placed.Where(p => p.Interval.Overlaps(g.Interval)).OrderBy(p => p.Offset).ThenBy(p => p.End);
            long cursor = 0;
            long? bestOffset = null;
            var bestGap = long.MaxValue;
            foreach (var p in neighbours)
            {
                var gap = p.Offset - cursor;
                if (gap >= g.Size && gap < bestGap)
                {
                    bestGap = gap;
                    bestOffset = cursor;
                    if (!bestFit)
                    {
                        break;
                    }
                }

                cursor = Math.Max(cursor, AlignUp(p.End, alignment));
            }

            placed.Add(g with { Offset = bestOffset ?? cursor });
        }

        return placed;
    }

    private static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;
}
