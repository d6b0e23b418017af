namespace MicroBackbone.Compiler.Models;

/// <summary>
/// Parameters, MACs and peak int8 activation bytes of a MicroSign-Edge network, computed from its
/// <see cref="EdgeArchitecture"/> alone (no TorchSharp). MACs count every multiply of one inference as the
/// deployed (BatchNorm-folded) network runs it: k x k convs and depthwise convs (out pixels x k x k x in/groups x
/// out), the grouped squeeze-excite 1x1 convs plus the per-element gate multiply, and the classifier. ShiftMix,
/// BatchNorm, ReLU, pooling sums and residual adds count 0.
/// </summary>
public sealed class ModelSummary
{
    private ModelSummary(EdgeArchitecture architecture, IReadOnlyList<SectionSummary> sections)
    {
        Architecture = architecture;
        Sections = sections;
    }

    /// <summary>The network summarized.</summary>
    public EdgeArchitecture Architecture { get; }

    /// <summary>Stem, each stage in order, then the head (head conv, pooling and classifier).</summary>
    public IReadOnlyList<SectionSummary> Sections { get; }

    /// <summary>Only the stages.</summary>
    public IEnumerable<SectionSummary> Stages => Sections.Skip(1).Take(Sections.Count - 2);

    /// <summary>Trainable parameters of the whole network.</summary>
    public long TotalParameters => Sections.Sum(s => s.Parameters);

    /// <summary>Multiply-accumulates of one inference.</summary>
    public long TotalMacs => Sections.Sum(s => s.Macs);

    /// <summary>The largest int8 activation tensor anywhere in the network.</summary>
    public long PeakActivationBytes => Sections.Max(s => s.PeakActivationBytes);

    /// <summary>Summarizes <paramref name="arch"/>.</summary>
    public static ModelSummary Compute(EdgeArchitecture arch)
    {
        int sectionCount = arch.Stages.Count + 2;
        var parameters = new long[sectionCount];
        var macs = new long[sectionCount];

        long stemArea = (long)arch.StemOutputSize * arch.StemOutputSize;
        parameters[0] = 9L * arch.InputChannels * arch.StemChannels + 2L * arch.StemChannels;
        macs[0] = stemArea * 9 * arch.InputChannels * arch.StemChannels;

        foreach (BlockShape block in arch.BlockShapes())
        {
            (long p, long m) = BlockCost(arch, block);
            parameters[block.Stage + 1] += p;
            macs[block.Stage + 1] += m;
        }

        int head = sectionCount - 1;
        long finalArea = (long)arch.FinalSize * arch.FinalSize;
        parameters[head] = (long)arch.FinalChannels * arch.HeadChannels + 2L * arch.HeadChannels
            + (long)arch.HeadChannels * arch.NumClasses + arch.NumClasses;
        macs[head] = finalArea * arch.FinalChannels * arch.HeadChannels + (long)arch.HeadChannels * arch.NumClasses;

        int[] widths = ActivationTensor.Widths(arch);
        var peaks = new long[sectionCount];
        foreach (ActivationTensor tensor in ActivationTensor.Enumerate(arch))
        {
            peaks[tensor.Section] = Math.Max(peaks[tensor.Section], widths[tensor.WidthSlot] * tensor.Factor);
        }

        var sections = new List<SectionSummary>
        {
            new("stem", arch.StemChannels, 0, arch.StemOutputSize, parameters[0], macs[0], peaks[0],
                arch.SramBudgetBytes),
        };
        IReadOnlyList<BlockShape> blocks = arch.BlockShapes();
        for (int s = 0; s < arch.Stages.Count; s++)
        {
            EdgeStage stage = arch.Stages[s];
            int outSize = blocks.Last(b => b.Stage == s).OutSize;
            sections.Add(new SectionSummary($"stage {s}", stage.Channels, stage.Blocks, outSize, parameters[s + 1],
                macs[s + 1], peaks[s + 1], arch.SramBudgetBytes));
        }
        sections.Add(new SectionSummary("head", arch.HeadChannels, 0, arch.FinalSize, parameters[head], macs[head],
            peaks[head], arch.SramBudgetBytes));
        return new ModelSummary(arch, sections);
    }

    private static (long Parameters, long Macs) BlockCost(EdgeArchitecture arch, BlockShape block)
    {
        long hidden = block.HiddenChannels;
        long inArea = (long)block.InSize * block.InSize;
        long outArea = (long)block.OutSize * block.OutSize;
        long parameters = 0;
        long macs = 0;
        if (block.HasExpansion)
        {
            parameters += block.InChannels * hidden + 2 * hidden;
            macs += inArea * block.InChannels * hidden;
        }
        parameters += 9 * hidden + 2 * hidden;
        macs += outArea * 9 * hidden;
        if (block.HasIdentityBranch)
        {
            parameters += 2 * hidden;
        }
        long se = block.SeChannels;
        long seWeights = hidden * se / arch.SeGroups;
        parameters += 2 * seWeights + se + hidden;
        macs += 2 * seWeights + outArea * hidden;
        parameters += hidden * block.OutChannels + 2L * block.OutChannels;
        macs += outArea * hidden * block.OutChannels;
        return (parameters, macs);
    }
}
