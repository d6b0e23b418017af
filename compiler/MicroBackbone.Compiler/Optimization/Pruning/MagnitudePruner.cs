using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Optimization.Pruning;

/// <summary>Whether unstructured pruning ranks weights across the whole model or within each layer.</summary>
public enum PruningScope
{
    /// <summary>One magnitude threshold over every conv and linear weight: small layers may lose more.</summary>
    Global,

    /// <summary>The same ratio in every layer.</summary>
    Layer,
}

/// <summary>
/// Unstructured magnitude pruning: the smallest-magnitude <c>ratio</c> of the conv and linear weights (not biases,
/// not BatchNorm) become exact zeros in the model's own tensors, so the mask is permanent once saved. Ties are
/// broken by position (layer order, then element index), so the achieved sparsity is exactly the requested count.
/// </summary>
public static class MagnitudePruner
{
    /// <summary>Prunes <paramref name="model"/> in place and reports the sparsity of each layer.</summary>
    public static PruningReport Prune(nn.Module model, double ratio, PruningScope scope)
    {
        PruningRatio.Check(ratio);
        var layers = new List<(string Name, Tensor Weight)>();
        foreach ((string name, nn.Module module) in model.named_modules())
        {
            if (module is Conv2d or Linear && module.get_parameter("weight") is { } weight)
            {
                layers.Add((name, weight));
            }
        }
        if (layers.Count == 0)
        {
            throw new PruningException("the model has no conv or linear weights to prune");
        }
        using var noGrad = no_grad();
        float[][] values = layers.Select(l => l.Weight.detach().cpu().to(float32).contiguous().data<float>().ToArray()).ToArray();
        var masks = values.Select(v => new bool[v.Length]).ToArray();
        if (scope == PruningScope.Global)
        {
            MarkSmallest(values, masks, Enumerable.Range(0, values.Length).ToArray(), ratio);
        }
        else
        {
            for (int i = 0; i < values.Length; i++)
            {
                MarkSmallest(values, masks, [i], ratio);
            }
        }
        var report = new List<LayerPruning>();
        long before = 0, after = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            long removed = 0;
            for (int j = 0; j < values[i].Length; j++)
            {
                if (masks[i][j])
                {
                    values[i][j] = 0f;
                    removed++;
                }
            }
            Tensor weight = layers[i].Weight;
            weight.copy_(tensor(values[i]).reshape(weight.shape).to(weight.dtype));
            before += values[i].Length;
            after += values[i].Length - removed;
            report.Add(new LayerPruning(layers[i].Name, values[i].Length, values[i].Length - removed,
                $"{100.0 * removed / values[i].Length:F1}% zero"));
        }
        return new PruningReport(report, before, after, 0, 0);
    }

    // Marks the round(ratio * n) smallest |w| over the given layers; ties go to the earlier layer and index.
    private static void MarkSmallest(float[][] values, bool[][] masks, int[] layers, double ratio)
    {
        var order = new List<(float Magnitude, int Layer, int Index)>();
        foreach (int l in layers)
        {
            for (int j = 0; j < values[l].Length; j++)
            {
                order.Add((Math.Abs(values[l][j]), l, j));
            }
        }
        long count = (long)Math.Round(ratio * order.Count, MidpointRounding.AwayFromZero);
        order.Sort();
        for (int k = 0; k < count; k++)
        {
            masks[order[k].Layer][order[k].Index] = true;
        }
    }
}
