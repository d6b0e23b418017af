namespace MicroBackbone.Compiler.Config;

/// <summary>The widths of one MicroSign-Edge variant (<c>variants.edge_nano</c> and so on in <c>model.yaml</c>).</summary>
public sealed class EdgeVariantConfig
{
    /// <summary>Output channels of the 3x3 stem conv (a multiple of 8).</summary>
    public int StemChannels { get; set; }

    /// <summary>Stride of the stem conv (1 or 2).</summary>
    public int StemStride { get; set; }

    /// <summary>Output channels of the 1x1 head conv before global pooling (a multiple of 8).</summary>
    public int HeadChannels { get; set; }

    /// <summary>Largest int8 activation tensor, in bytes, the target's SRAM may hold.</summary>
    public long SramBudgetBytes { get; set; }

    /// <summary>Groups of the squeeze-excite 1x1 convs (1, 2, 4 or 8 so it divides every width).</summary>
    public int SeGroups { get; set; }

    /// <summary>Squeeze-excite channel reduction factor (at least 1).</summary>
    public int SeReduction { get; set; }

    /// <summary>The stages, input to output.</summary>
    public List<StageConfig> Stages { get; set; } = new();
}
