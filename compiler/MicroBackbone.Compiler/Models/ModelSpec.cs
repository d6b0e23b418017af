using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Compiler.Models;

/// <summary>What to build: an architecture name, its classes and its input, plus the config the widths come from.</summary>
/// <param name="Arch">A MicroSign-Edge variant of the config (<c>edge_nano</c>...) or a TorchVision arch.</param>
/// <param name="NumClasses">Classifier outputs.</param>
/// <param name="Input">Input image shape (C, H, W).</param>
/// <param name="Config">The model config (MicroSign-Edge widths live there).</param>
public sealed record ModelSpec(string Arch, int NumClasses, InputShape Input, ModelConfigText Config)
{
    /// <summary>The metadata a checkpoint of this model carries (<paramref name="variant"/>: train, deploy...).</summary>
    public CheckpointMetadata ToMetadata(string variant = "train") =>
        new(Arch, variant, NumClasses, Input, Config.Yaml);
}
