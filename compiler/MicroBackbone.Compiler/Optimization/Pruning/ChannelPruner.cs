using MicroBackbone.Compiler.Evaluation;
using MicroBackbone.Compiler.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Optimization.Pruning;

/// <summary>
/// Structured pruning of MicroSign-Edge: removes whole hidden channels inside RSD blocks (the expansion width), and
/// the matching squeeze-excite channels, then builds a smaller model with the kept weights. Block outputs are not
/// touched, so residual additions keep their shapes.
/// <para>
/// Two groupings must survive. The shift moves the hidden channels in eight equal segments (up, left, down, right,
/// then four unshifted), and the grouped squeeze-excite splits them into <c>se_groups</c> equal groups, each a whole
/// number of segments. So the same number of channels leaves every segment, and a channel keeps its shift. Channels
/// are ranked by the L1 norm of their BatchNorm-folded expansion filter (|γ| / √(σ² + ε) · Σ|w|); squeeze-excite
/// channels, within each group, by the L1 norm of their reduce filter over the kept inputs.
/// </para>
/// </summary>
public static class ChannelPruner
{
    /// <summary>The pruned model (eval mode) and what was removed; <paramref name="model"/> is not changed.</summary>
    public static (MicroSignEdge Model, PruningReport Report) Prune(MicroSignEdge model, double ratio)
    {
        PruningRatio.Check(ratio);
        EdgeArchitecture source = model.Architecture;
        var keep = new Dictionary<(int Stage, int Block), (long[] Hidden, long[] Se)>();
        var report = new List<LayerPruning>();
        var stages = new List<EdgeStage>();
        using (no_grad())
        {
            for (int s = 0; s < source.Stages.Count; s++)
            {
                EdgeStage stage = source.Stages[s];
                if (stage.Expansion < 2)
                {
                    stages.Add(stage);
                    continue;
                }
                var hidden = new List<int>();
                for (int b = 0; b < stage.Blocks; b++)
                {
                    RsdBlock block = model.Stages[s].Blocks[b];
                    (long[] keptHidden, long[] keptSe) = Choose(block, source, ratio);
                    keep[(s, b)] = (keptHidden, keptSe);
                    hidden.Add(keptHidden.Length);
                    report.Add(new LayerPruning($"stages.{s}.blocks.{b}", block.Shape.HiddenChannels, keptHidden.Length,
                        $"hidden {block.Shape.HiddenChannels} -> {keptHidden.Length}, squeeze-excite {block.Shape.SeChannels} -> {keptSe.Length}"));
                }
                stages.Add(stage with { HiddenChannels = hidden });
            }
        }
        EdgeArchitecture target = source with { Stages = stages };
        var pruned = new MicroSignEdge(target);
        Copy(model, pruned, keep);
        pruned.eval();
        long[] input = [source.InputChannels, source.InputSize, source.InputSize];
        return (pruned, new PruningReport(report, MacCounter.Parameters(model), MacCounter.Parameters(pruned),
            MacCounter.Count(model, input), MacCounter.Count(pruned, input)));
    }

    private static (long[] Hidden, long[] Se) Choose(RsdBlock block, EdgeArchitecture architecture, double ratio)
    {
        int h = block.Shape.HiddenChannels;
        int segment = h / 8;
        int removePerSegment = Math.Min(segment - 1, (int)Math.Round(segment * ratio, MidpointRounding.AwayFromZero));
        ConvBn expand = block.Expand!;
        Tensor scale = expand.Bn.weight!.abs() / (expand.Bn.running_var! + expand.Bn.eps).sqrt();
        float[] score = (expand.Conv.weight!.abs().sum([1, 2, 3]) * scale).data<float>().ToArray();
        var kept = new List<long>();
        for (int g = 0; g < 8; g++)
        {
            kept.AddRange(Enumerable.Range(g * segment, segment)
                .OrderByDescending(c => score[c]).ThenBy(c => c)
                .Take(segment - removePerSegment).OrderBy(c => c).Select(c => (long)c));
        }
        // Squeeze-excite: the target width for the kept hidden channels, the same count kept in every group.
        int groups = architecture.SeGroups;
        int se = block.Shape.SeChannels;
        int keptSe = architecture.SeChannels(kept.Count);
        int perGroupIn = h / groups, perGroupSe = se / groups, keptPerGroupSe = keptSe / groups;
        Tensor reduce = block.SqueezeExcite.Reduce.weight!.reshape(se, perGroupIn);
        var keptSeChannels = new List<long>();
        for (int g = 0; g < groups; g++)
        {
            long[] inputs = kept.Where(c => c / perGroupIn == g).Select(c => c - (g * perGroupIn)).ToArray();
            float[] seScore = reduce.narrow(0, g * perGroupSe, perGroupSe).index_select(1, tensor(inputs)).abs().sum(1).data<float>().ToArray();
            keptSeChannels.AddRange(Enumerable.Range(0, perGroupSe).OrderByDescending(i => seScore[i]).ThenBy(i => i)
                .Take(keptPerGroupSe).OrderBy(i => i).Select(i => (long)((g * perGroupSe) + i)));
        }
        return (kept.ToArray(), keptSeChannels.ToArray());
    }

    private static void Copy(MicroSignEdge from, MicroSignEdge to, Dictionary<(int Stage, int Block), (long[] Hidden, long[] Se)> keep)
    {
        using var noGrad = no_grad();
        var pruned = new HashSet<string>();
        foreach (KeyValuePair<(int Stage, int Block), (long[] Hidden, long[] Se)> entry in keep)
        {
            (int s, int b) = entry.Key;
            (long[] hidden, long[] se) = entry.Value;
            RsdBlock src = from.Stages[s].Blocks[b], dst = to.Stages[s].Blocks[b];
            string path = $"stages.{s}.blocks.{b}.";
            Tensor h = tensor(hidden), q = tensor(se);
            Set(dst.Expand!.Conv.weight!, src.Expand!.Conv.weight!.index_select(0, h));
            CopyBn(dst.Expand.Bn, src.Expand.Bn, h);
            Set(dst.Depthwise.weight!, src.Depthwise.weight!.index_select(0, h));
            CopyBn(dst.DepthwiseBn, src.DepthwiseBn, h);
            if (src.IdentityBn is { } idBn)
            {
                CopyBn(dst.IdentityBn!, idBn, h);
            }
            GroupedSqueezeExcite a = src.SqueezeExcite, z = dst.SqueezeExcite;
            int groups = a.Groups, perGroupIn = a.Channels / groups, perGroupSe = a.SqueezeChannels / groups;
            // Grouped weights: reduce [S, H/G] reads its group's hidden channels; expand [H, S/G] its group's SE channels.
            Tensor reduceColumns = tensor(hidden.Select(c => c % perGroupIn).ToArray()).reshape(groups, -1);
            Tensor reduce = a.Reduce.weight!.index_select(0, q);
            Tensor seGroup = tensor(se.Select(c => c / perGroupSe).ToArray());
            Tensor reduceKept = stack(Enumerable.Range(0, se.Length)
                .Select(i => reduce[i].index_select(0, reduceColumns[seGroup[i].item<long>()])).ToArray());
            Set(z.Reduce.weight!, reduceKept);
            Set(z.Reduce.bias!, a.Reduce.bias!.index_select(0, q));
            Tensor expandColumns = tensor(se.Select(c => c % perGroupSe).ToArray()).reshape(groups, -1);
            Tensor expand = a.Expand.weight!.index_select(0, h);
            Tensor expandKept = stack(Enumerable.Range(0, hidden.Length)
                .Select(i => expand[i].index_select(0, expandColumns[hidden[i] / perGroupIn])).ToArray());
            Set(z.Expand.weight!, expandKept);
            Set(z.Expand.bias!, a.Expand.bias!.index_select(0, h));
            Set(dst.Project.Conv.weight!, src.Project.Conv.weight!.index_select(1, h));
            CopyBn(dst.Project.Bn, src.Project.Bn, null);
            foreach ((string name, Tensor _) in dst.state_dict())
            {
                pruned.Add(path + name);
            }
        }
        Dictionary<string, Tensor> source = from.state_dict();
        foreach ((string name, Tensor value) in to.state_dict())
        {
            if (!pruned.Contains(name))
            {
                Set(value, source[name]);
            }
        }
    }

    private static void CopyBn(BatchNorm2d to, BatchNorm2d from, Tensor? keep)
    {
        Tensor Pick(Tensor t) => keep is null ? t : t.index_select(0, keep);
        Set(to.weight!, Pick(from.weight!));
        Set(to.bias!, Pick(from.bias!));
        Set(to.running_mean!, Pick(from.running_mean!));
        Set(to.running_var!, Pick(from.running_var!));
    }

    private static void Set(Tensor target, Tensor value)
    {
        if (!target.shape.SequenceEqual(value.shape))
        {
            throw new InvalidOperationException(
                $"pruning: [{string.Join(", ", value.shape)}] does not fit [{string.Join(", ", target.shape)}]");
        }
        target.copy_(value);
    }
}
