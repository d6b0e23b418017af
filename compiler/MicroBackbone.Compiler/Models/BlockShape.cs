namespace MicroBackbone.Compiler.Models;

/// <summary>The resolved shape of one RSD block: channel counts and the spatial size before and after it.</summary>
/// <param name="Stage">Index of the stage the block belongs to.</param>
/// <param name="Block">Index of the block inside its stage.</param>
/// <param name="InChannels">Channels the block reads.</param>
/// <param name="HiddenChannels">Channels after the expansion conv (equal to <paramref name="InChannels"/> without one).</param>
/// <param name="OutChannels">Channels the block writes.</param>
/// <param name="Expansion">The stage's expansion factor; the block has an expansion conv when it is above 1.</param>
/// <param name="Stride">Stride of the depthwise conv.</param>
/// <param name="InSize">Height and width of the block's input.</param>
/// <param name="OutSize">Height and width of the block's output.</param>
/// <param name="SeChannels">Channels between the squeeze-excite reduce and expand convs.</param>
public sealed record BlockShape(
    int Stage,
    int Block,
    int InChannels,
    int HiddenChannels,
    int OutChannels,
    int Expansion,
    int Stride,
    int InSize,
    int OutSize,
    int SeChannels)
{
    /// <summary>Whether the block starts with a 1x1 expansion conv.</summary>
    public bool HasExpansion => Expansion > 1;

    /// <summary>Whether the depthwise stage has the BatchNorm-only identity branch (stride 1 only).</summary>
    public bool HasIdentityBranch => Stride == 1;

    /// <summary>Whether the block adds its input to its output (stride 1 and equal channel counts).</summary>
    public bool HasResidual => Stride == 1 && InChannels == OutChannels;
}
