using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models.TorchVision;
using MicroBackbone.Ir;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models;

/// <summary>
/// Everything behind <c>--arch</c>: the MicroSign-Edge variants of the model config and the TorchVision drop-ins.
/// </summary>
public static class ArchCatalog
{
    /// <summary>The arch names a config offers: its edge variants, then the TorchVision archs.</summary>
    public static IReadOnlyList<string> Names(ModelConfig config) =>
        config.Variants.Keys.OrderBy(k => k, StringComparer.Ordinal).Concat(TorchVisionArchs.Names).ToList();

    /// <summary>True when <paramref name="arch"/> is a MicroSign-Edge variant of <paramref name="config"/>.</summary>
    public static bool IsEdge(ModelConfig config, string arch) => config.Variants.ContainsKey(arch);

    /// <summary>
    /// Resolves flags against the config: the arch (default: the config's), the input size and channels, the classes.
    /// </summary>
    /// <exception cref="MicroBackboneException">The arch is unknown or the input does not suit it.</exception>
    public static ModelSpec Resolve(ModelConfigText config, string? arch, int? inputSize, int? inputChannels, int? numClasses)
    {
        string name = arch ?? config.Config.Model.Arch;
        int size = inputSize ?? config.Config.Model.InputSize;
        int classes = numClasses ?? config.Config.Model.NumClasses;
        int channels;
        if (IsEdge(config.Config, name))
        {
            channels = inputChannels ?? config.Config.Model.InputChannels;
        }
        else if (TorchVisionArchs.IsSupported(name))
        {
            // TorchVision stems take RGB; gray data is replicated to 3 channels by the data pipeline.
            channels = inputChannels ?? 3;
            if (channels != 3)
            {
                throw new ConfigException($"--arch {name}: TorchVision models take 3 input channels, got {channels}");
            }
        }
        else
        {
            throw new ConfigException(
                $"{config.Source}: unknown arch '{name}'; valid archs: {string.Join(", ", Names(config.Config))}");
        }
        if (size < 8 || classes < 1)
        {
            throw new ConfigException($"--arch {name}: expected an input size of at least 8 and at least 1 class, got {size} and {classes}");
        }
        return new ModelSpec(name, classes, new InputShape(channels, size, size), config);
    }

    /// <summary>Builds the (randomly initialised) model <paramref name="spec"/> describes.</summary>
    public static nn.Module<Tensor, Tensor> Create(ModelSpec spec)
    {
        if (IsEdge(spec.Config.Config, spec.Arch))
        {
            EdgeArchitecture architecture = EdgeArchitecture.FromConfig(spec.Config.Config, spec.Config.Source, spec.Arch,
                spec.Input.Height, spec.Input.Channels, spec.NumClasses);
            return new MicroSignEdge(architecture);
        }
        return TorchVisionArchs.Create(spec.Arch, spec.NumClasses);
    }

    /// <summary>
    /// Rebuilds the model a checkpoint holds and loads its weights. The arch, classes, input and config come from the
    /// checkpoint's metadata; for a plain PyTorch state dict they come from <paramref name="fallback"/>.
    /// </summary>
    /// <remarks>
    /// <paramref name="requested"/> is an input the user asked for (<c>--input-size</c>, <c>--input-channels</c>). A
    /// different size is honoured when the weights fit the model rebuilt for it (the edge variants and the TorchVision
    /// archs end in global pooling, so they do); a different channel count never fits (the first convolution's
    /// weights fix it) and is refused, as is a size whose model the weights do not fit.
    /// </remarks>
    public static (nn.Module<Tensor, Tensor> Model, ModelSpec Spec, CheckpointMetadata Metadata) Load(
        string path, ModelSpec fallback, InputRequest? requested = null)
    {
        CheckpointMetadata defaults = fallback.ToMetadata();
        using Checkpoint checkpoint = CheckpointFile.Load(path, defaults);
        CheckpointMetadata metadata = checkpoint.Metadata;
        ModelConfigText config = checkpoint.HasOwnMetadata && metadata.ConfigYaml.Length > 0
            ? ModelConfigText.Parse(metadata.ConfigYaml, path + " (embedded config)")
            : fallback.Config;
        InputShape stored = metadata.InputShape;
        InputShape input = stored;
        if (checkpoint.HasOwnMetadata && requested is { } r)
        {
            if (r.Channels is int c && c != stored.Channels)
            {
                throw new ConfigException(
                    $"--input-channels {c}: {path} holds a model for {stored.Channels}-channel input and its first convolution's weights fix that; expected {stored.Channels} (or retrain with --input-channels {c})");
            }
            if (r.Size is int size)
            {
                input = stored with { Height = size, Width = size };
            }
        }
        var spec = new ModelSpec(metadata.Arch, metadata.NumClasses, input, config);
        nn.Module<Tensor, Tensor> model = Create(spec);
        try
        {
            CheckpointFile.CopyInto(checkpoint, model, path);
        }
        catch (CheckpointException e) when (input != stored)
        {
            model.Dispose();
            throw new ConfigException(
                $"--input-size {input.Height}: {path}'s weights fit its {stored.Height}x{stored.Width} model only ({e.Message}); expected {stored.Height}", e);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return (model, spec, input == stored ? metadata : metadata with { InputShape = input });
    }
}
