using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Compiler.Models;

/// <summary>
/// A fully resolved MicroSign-Edge network: the variant's widths plus the input and class count. Pure data, shared by
/// the TorchSharp module (<see cref="MicroSignEdge"/>), <see cref="ModelSummary"/> and <see cref="ChannelBudget"/>
/// so they cannot disagree about shapes.
/// </summary>
/// <param name="Name">The variant name, e.g. <c>edge_nano</c>.</param>
/// <param name="InputChannels">Channels of the input image.</param>
/// <param name="InputSize">Height and width of the square input image.</param>
/// <param name="NumClasses">Outputs of the classifier.</param>
/// <param name="StemChannels">Output channels of the 3x3 stem conv.</param>
/// <param name="StemStride">Stride of the stem conv.</param>
/// <param name="HeadChannels">Output channels of the 1x1 head conv.</param>
/// <param name="SeGroups">Groups of the squeeze-excite 1x1 convs.</param>
/// <param name="SeReduction">Squeeze-excite channel reduction factor.</param>
/// <param name="SramBudgetBytes">Largest int8 activation tensor the target may hold, in bytes.</param>
/// <param name="Stages">The stages, input to output.</param>
public sealed record EdgeArchitecture(
    string Name,
    int InputChannels,
    int InputSize,
    int NumClasses,
    int StemChannels,
    int StemStride,
    int HeadChannels,
    int SeGroups,
    int SeReduction,
    long SramBudgetBytes,
    IReadOnlyList<EdgeStage> Stages)
{
    /// <summary>Output size of a 3x3 conv with padding 1 and <paramref name="stride"/> on a square input.</summary>
    public static int ConvOutputSize(int size, int stride) => (size - 1) / stride + 1;

    /// <summary>Height and width after the stem.</summary>
    public int StemOutputSize => ConvOutputSize(InputSize, StemStride);

    /// <summary>Height and width of the last stage's output (the head's input).</summary>
    public int FinalSize => BlockShapes().Last().OutSize;

    /// <summary>Channels of the last stage's output (the head's input).</summary>
    public int FinalChannels => Stages[^1].Channels;

    /// <summary>Channels between the squeeze-excite convs of a block with <paramref name="hiddenChannels"/>.</summary>
    public int SeChannels(int hiddenChannels) =>
        Math.Max(SeGroups, hiddenChannels / SeReduction / SeGroups * SeGroups);

    /// <summary>Every block of every stage, in execution order, with its channels and spatial sizes.</summary>
    public IReadOnlyList<BlockShape> BlockShapes()
    {
        var shapes = new List<BlockShape>();
        int channels = StemChannels;
        int size = StemOutputSize;
        for (int s = 0; s < Stages.Count; s++)
        {
            EdgeStage stage = Stages[s];
            for (int b = 0; b < stage.Blocks; b++)
            {
                int stride = b == 0 ? stage.Stride : 1;
                int hidden = stage.Expansion > 1 ? stage.HiddenChannels?[b] ?? channels * stage.Expansion : channels;
                int outSize = ConvOutputSize(size, stride);
                shapes.Add(new BlockShape(s, b, channels, hidden, stage.Channels, stage.Expansion, stride, size,
                    outSize, SeChannels(hidden)));
                channels = stage.Channels;
                size = outSize;
            }
        }
        return shapes;
    }

    /// <summary>
    /// Resolves a variant of <paramref name="config"/> (read from <paramref name="source"/>), optionally overriding
    /// the arch, input and class count the <c>model:</c> section gives.
    /// </summary>
    /// <exception cref="ConfigException">The arch is unknown or an override is out of range.</exception>
    public static EdgeArchitecture FromConfig(ModelConfig config, string source, string? arch = null,
        int? inputSize = null, int? inputChannels = null, int? numClasses = null)
    {
        string name = arch ?? config.Model.Arch;
        if (!config.Variants.TryGetValue(name, out EdgeVariantConfig? variant))
        {
            throw new ConfigException(
                $"{source}: unknown arch '{name}'; valid archs: {ModelConfigValidator.ValidArchs(config)}");
        }
        int size = inputSize ?? config.Model.InputSize;
        int channels = inputChannels ?? config.Model.InputChannels;
        int classes = numClasses ?? config.Model.NumClasses;
        if (size < 8)
        {
            throw new ConfigException($"input size: expected at least 8 pixels, got {size}");
        }
        if (channels < 1)
        {
            throw new ConfigException($"input channels: expected at least 1, got {channels}");
        }
        if (classes < 1)
        {
            throw new ConfigException($"num classes: expected at least 1, got {classes}");
        }
        return new EdgeArchitecture(name, channels, size, classes, variant.StemChannels, variant.StemStride,
            variant.HeadChannels, variant.SeGroups, variant.SeReduction, variant.SramBudgetBytes,
            variant.Stages.Select(s => new EdgeStage(s.Channels, s.Blocks, s.Stride, s.Expansion, s.HiddenChannels?.ToArray())).ToArray());
    }
}
