namespace MicroBackbone.Compiler.Config;

/// <summary>One stage of a MicroSign-Edge variant as written in <c>model.yaml</c> (<c>variants.*.stages[i]</c>).</summary>
public sealed class StageConfig
{
    /// <summary>Output channels of every block in the stage (a multiple of 8).</summary>
    public int Channels { get; set; }

    /// <summary>Number of RSD blocks in the stage (at least 1).</summary>
    public int Blocks { get; set; }

    /// <summary>Stride of the stage's first block (1 or 2); the other blocks use stride 1.</summary>
    public int Stride { get; set; }

    /// <summary>Channel expansion of each block's 1x1 expansion conv; 1 means the block has no expansion conv.</summary>
    public int Expansion { get; set; }

    /// <summary>
    /// Hidden (expanded) channels of each block, one per block, when they differ from channels × expansion: what
    /// <c>mbc prune</c> writes into a structurally pruned checkpoint's config. Absent for unpruned models.
    /// </summary>
    public List<int>? HiddenChannels { get; set; }
}
