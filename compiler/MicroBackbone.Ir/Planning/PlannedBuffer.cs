namespace MicroBackbone.Ir.Planning;

/// <summary>
/// One region of the arena: the activation tensors sharing it (one, or a chain of in-place tensors), where it
/// starts, how many bytes it needs and when it is live.
/// </summary>
/// <param name="TensorIds">Tensors stored here, in producer order; more than one only through in-place reuse.</param>
/// <param name="Offset">Byte offset in the arena (a multiple of the plan's alignment).</param>
/// <param name="Size">Bytes needed (the largest tensor of the group).</param>
/// <param name="Interval">Union of the tensors' live intervals.</param>
public sealed record PlannedBuffer(EquatableArray<int> TensorIds, long Offset, long Size, LiveInterval Interval)
{
    /// <summary>First byte after the buffer.</summary>
    public long End => Offset + Size;
}
