namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// The instructions one inference of the generated C retires on a <see cref="ProfileTarget"/>, counted in an
/// emulator: exact in total, and per layer from a second build with a mark after every layer.
/// </summary>
/// <param name="Target">Where it was counted.</param>
/// <param name="Optimization">The gcc optimization flag both builds used (<c>-O2</c>, <c>-Os</c>).</param>
/// <param name="Compiler">The cross compiler's version line.</param>
/// <param name="Layers">Per layer, from the <c>-DMB_PROFILE</c> build, the cost of a mark taken out of each.</param>
/// <param name="TotalInstructions">
/// From the build without layer marks: instructions between the marks before and after <c>mb_model_invoke</c>,
/// less the measured cost of one mark, i.e. the call with the few instructions that set up its arguments.
/// </param>
/// <param name="MarkInstructions">What one layer mark costs in the <c>-DMB_PROFILE</c> build (subtracted from every layer).</param>
/// <param name="ModelSections">Sections of <c>model.o</c> as the build without marks compiles it.</param>
/// <param name="Output">The int8 output the target computed (equal to the reference interpreter's).</param>
public sealed record ModelProfile(
    ProfileTarget Target,
    string Optimization,
    string Compiler,
    IReadOnlyList<LayerProfile> Layers,
    long TotalInstructions,
    long MarkInstructions,
    SectionSizes ModelSections,
    sbyte[] Output)
{
    /// <summary>Multiply-accumulates of one inference (sum over the layers).</summary>
    public long Macs => Layers.Sum(l => l.Macs);

    /// <summary>Sum of the per-layer figures; close to, but not exactly, <see cref="TotalInstructions"/>.</summary>
    public long LayerInstructions => Layers.Sum(l => l.Instructions);

    /// <summary>Milliseconds at <paramref name="clockMhz"/> if every instruction took one cycle.</summary>
    public static double Milliseconds(long instructions, double clockMhz) => instructions / (clockMhz * 1000.0);
}
