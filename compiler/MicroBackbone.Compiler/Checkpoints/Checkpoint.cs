using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// A loaded checkpoint: CPU tensors by state-dict key plus the model metadata. Owns its tensors; dispose it when the
/// weights have been copied into a module.
/// </summary>
public sealed class Checkpoint : IDisposable
{
    /// <summary>Creates a checkpoint that takes ownership of <paramref name="stateDict"/>'s tensors.</summary>
    public Checkpoint(IReadOnlyDictionary<string, Tensor> stateDict, CheckpointMetadata metadata, bool hasOwnMetadata)
    {
        StateDict = stateDict;
        Metadata = metadata;
        HasOwnMetadata = hasOwnMetadata;
    }

    /// <summary>Tensors by state-dict key (e.g. <c>features.0.weight</c>), in ordinal key order.</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict { get; }

    /// <summary>The metadata stored in the file, or the caller's defaults for a plain PyTorch checkpoint.</summary>
    public CheckpointMetadata Metadata { get; }

    /// <summary>
    /// True when <see cref="Metadata"/> came from the file (a MicroBackbone checkpoint); false when it was built
    /// from the caller's defaults because the file is a PyTorch state dict or training checkpoint.
    /// </summary>
    public bool HasOwnMetadata { get; }

    /// <summary>Releases the tensors.</summary>
    public void Dispose()
    {
        foreach (Tensor tensor in StateDict.Values)
        {
            tensor.Dispose();
        }
    }
}
