namespace MicroBackbone.Compiler.Models;

/// <summary>One stage of a MicroSign-Edge network: <paramref name="Blocks"/> RSD blocks of the same width.</summary>
/// <param name="Channels">Output channels of every block in the stage.</param>
/// <param name="Blocks">Number of RSD blocks.</param>
/// <param name="Stride">Stride of the first block (1 or 2); the others use stride 1.</param>
/// <param name="Expansion">Expansion of each block's 1x1 conv; 1 means no expansion conv.</param>
public sealed record EdgeStage(int Channels, int Blocks, int Stride, int Expansion);
