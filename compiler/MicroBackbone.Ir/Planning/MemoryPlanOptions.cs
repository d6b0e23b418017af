namespace MicroBackbone.Ir.Planning;

/// <summary>Knobs of <see cref="MemoryPlanner"/>.</summary>
/// <param name="Alignment">Every offset is a multiple of this (a power of two; 16 suits SIMD loads on Cortex-M).</param>
/// <param name="UseInPlace">Honour <see cref="IrOperator.InPlaceInput"/> marks (outputs share their input's buffer).</param>
public sealed record MemoryPlanOptions(int Alignment = 16, bool UseInPlace = true)
{
    /// <summary>16-byte alignment, in-place reuse on.</summary>
    public static MemoryPlanOptions Default { get; } = new();
}
