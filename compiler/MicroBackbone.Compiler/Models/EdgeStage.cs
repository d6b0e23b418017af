namespace MicroBackbone.Compiler.Models;

/// <summary>One stage of a MicroSign-Edge network: <paramref name="Blocks"/> RSD blocks of the same width.</summary>
/// <param name="Channels">Output channels of every block in the stage.</param>
/// <param name="Blocks">Number of RSD blocks.</param>
/// <param name="Stride">Stride of the first block (1 or 2); the others use stride 1.</param>
/// <param name="Expansion">Expansion of each block's 1x1 conv; 1 means no expansion conv.</param>
/// <param name="HiddenChannels">Per-block hidden widths of a pruned stage, or null for input × expansion.</param>
public sealed record EdgeStage(int Channels, int Blocks, int Stride, int Expansion, IReadOnlyList<int>? HiddenChannels = null)
{
    /// <summary>Equal when every width is equal (the hidden widths compared element by element).</summary>
    public bool Equals(EdgeStage? other) =>
        other is not null && Channels == other.Channels && Blocks == other.Blocks && Stride == other.Stride
        && Expansion == other.Expansion
        && (HiddenChannels ?? []).SequenceEqual(other.HiddenChannels ?? []);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Channels, Blocks, Stride, Expansion, HiddenChannels?.Sum());
}
