namespace MicroBackbone.Compiler.Optimization.Pruning;

/// <summary>What pruning did to one layer (or block).</summary>
/// <param name="Layer">Module path, e.g. <c>stages.1.blocks.0.expand.conv</c>.</param>
/// <param name="Before">Weights (unstructured) or channels (structured) before.</param>
/// <param name="After">Non-zero weights or kept channels after.</param>
/// <param name="Detail">What was removed, in words.</param>
public sealed record LayerPruning(string Layer, long Before, long After, string Detail);

/// <summary>The per-layer account of a pruning run and the model totals before and after.</summary>
/// <param name="Layers">One entry per pruned layer or block.</param>
/// <param name="ParametersBefore">Parameters before (structured) or non-zero weights before (unstructured).</param>
/// <param name="ParametersAfter">Parameters after (structured) or non-zero weights after (unstructured).</param>
/// <param name="MacsBefore">MACs per image before.</param>
/// <param name="MacsAfter">MACs per image after (unstructured pruning does not change the dense count).</param>
public sealed record PruningReport(IReadOnlyList<LayerPruning> Layers, long ParametersBefore, long ParametersAfter, long MacsBefore, long MacsAfter)
{
    /// <summary>Fraction of the pruned weights that are zero now (unstructured) or of parameters removed (structured).</summary>
    public double Sparsity => ParametersBefore == 0 ? 0 : 1.0 - ((double)ParametersAfter / ParametersBefore);
}
