namespace MicroBackbone.Runtime.Loader;

/// <summary>
/// One kernel call of a loaded model, with every argument fixed when the model is loaded: arena slices as offsets
/// and lengths, constants as arrays, packed filters made once. <see cref="Run"/> allocates nothing.
/// </summary>
internal abstract class PlanStep
{
    /// <summary>Runs the call on <paramref name="arena"/> (and the model's operator <paramref name="state"/>).</summary>
    public abstract void Run(Span<sbyte> arena, Span<short> state);
}

/// <summary>A slice of the activation arena, as the C# back end planned it.</summary>
/// <param name="Offset">First byte.</param>
/// <param name="Length">Bytes (int8 elements).</param>
internal readonly record struct ArenaSlice(int Offset, int Length)
{
    /// <summary>This slice of <paramref name="arena"/>.</summary>
    public Span<sbyte> Of(Span<sbyte> arena) => arena.Slice(Offset, Length);
}

/// <summary>
/// An operand that is either an arena slice or an int8 constant (the second operand of Sub, Maximum, Minimum, Prelu
/// may be a constant tensor).
/// </summary>
/// <param name="Slice">The arena slice, when <paramref name="Constant"/> is null.</param>
/// <param name="Constant">The constant's values, or null.</param>
internal readonly record struct PlanOperand(ArenaSlice Slice, sbyte[]? Constant)
{
    /// <summary>The operand's values.</summary>
    public ReadOnlySpan<sbyte> Of(Span<sbyte> arena) => Constant is null ? Slice.Of(arena) : Constant;
}
