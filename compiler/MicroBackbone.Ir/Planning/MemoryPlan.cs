namespace MicroBackbone.Ir.Planning;

/// <summary>
/// Where every activation tensor lives in one static arena, with the numbers to judge the plan: the arena size,
/// a lower bound (the most bytes live at any single operator) and the naive size (every activation separate).
/// </summary>
public sealed class MemoryPlan
{
    private readonly Dictionary<int, PlannedBuffer> _bufferOf = new();
    private readonly IReadOnlyDictionary<int, long> _viewOffsets;

    internal MemoryPlan(IReadOnlyList<PlannedBuffer> buffers, IReadOnlyDictionary<int, LiveInterval> intervals, long lowerBound, long naive, int alignment,
        IReadOnlyDictionary<int, long>? viewOffsets = null)
    {
        _viewOffsets = viewOffsets ?? new Dictionary<int, long>();
        Buffers = buffers;
        TensorIntervals = intervals;
        LowerBoundBytes = lowerBound;
        NaiveBytes = naive;
        Alignment = alignment;
        ArenaBytes = buffers.Count == 0 ? 0 : buffers.Max(b => b.End);
        foreach (var b in buffers)
        {
            foreach (var id in b.TensorIds)
            {
                _bufferOf[id] = b;
            }
        }
    }

    /// <summary>The arena regions, in the order they were placed (largest first).</summary>
    public IReadOnlyList<PlannedBuffer> Buffers { get; }

    /// <summary>Live interval of each activation tensor by id (before in-place merging).</summary>
    public IReadOnlyDictionary<int, LiveInterval> TensorIntervals { get; }

    /// <summary>Bytes of arena needed: the end of the highest buffer.</summary>
    public long ArenaBytes { get; }

    /// <summary>Max over operators of the bytes of buffers live at that operator; no plan can use less.</summary>
    public long LowerBoundBytes { get; }

    /// <summary>Sum of the byte sizes of all activation tensors (no reuse at all).</summary>
    public long NaiveBytes { get; }

    /// <summary>Every offset is a multiple of this.</summary>
    public int Alignment { get; }

    /// <summary>Ids of the planned (activation) tensors.</summary>
    public IEnumerable<int> TensorIds => _bufferOf.Keys.OrderBy(id => id);

    /// <summary>
    /// Arena offset of an activation tensor (inside its buffer for a <see cref="RowViews"/> view); throws
    /// <see cref="KeyNotFoundException"/> for constants.
    /// </summary>
    public long OffsetOf(int tensorId) => BufferOf(tensorId).Offset + (_viewOffsets.TryGetValue(tensorId, out var o) ? o : 0);

    /// <summary>True when the tensor lives inside another tensor's bytes (a <see cref="RowViews"/> view).</summary>
    public bool IsView(int tensorId) => _viewOffsets.ContainsKey(tensorId);

    /// <summary>The buffer holding an activation tensor.</summary>
    public PlannedBuffer BufferOf(int tensorId) =>
        _bufferOf.TryGetValue(tensorId, out var b) ? b : throw new KeyNotFoundException($"tensor #{tensorId} is not a planned activation");
}
