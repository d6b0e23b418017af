namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// The mark ids <c>profile_main.c</c> takes for a model of <see cref="LayerCount"/> layers: <see cref="Start"/> before
/// the inference, <see cref="AfterLayer"/> after each layer (only when <c>model.c</c> is built with
/// <c>-DMB_PROFILE</c>), <see cref="End"/> after it, then two pairs of back-to-back marks that measure what one mark
/// costs: one pair called as the start and end marks are (that cost is inside End − Start), one pair through
/// <c>mb_profile_mark</c> as the layer marks are (that cost is inside every layer's figure).
/// </summary>
/// <param name="LayerCount">Kernel calls in <c>mb_model_run</c>.</param>
public sealed record ProfileMarks(int LayerCount)
{
    /// <summary>Before <c>mb_model_invoke</c>.</summary>
    public int Start => 0;

    /// <summary>After <c>mb_model_invoke</c> returns.</summary>
    public int End => LayerCount + 1;

    /// <summary>The first of the back-to-back pair made like <see cref="Start"/> and <see cref="End"/>.</summary>
    public int DirectPairFirst => LayerCount + 2;

    /// <summary>The first of the back-to-back pair made through <c>mb_profile_mark</c>, like the layer marks.</summary>
    public int LayerPairFirst => LayerCount + 4;

    /// <summary>Every mark the program prints: ids 0 .. <see cref="LayerPairFirst"/> + 1.</summary>
    public int Count => LayerCount + 6;

    /// <summary>The mark taken after layer <paramref name="layer"/> (0-based).</summary>
    public int AfterLayer(int layer) => layer + 1;
}
