using MicroBackbone.Compiler.IO;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// Saves and loads checkpoints in PyTorch's <c>.pth</c> zip format. Our files hold
/// <c>{"state_dict": {key: tensor}, "metadata": {...}}</c> (see <see cref="CheckpointMetadata"/> and
/// docs/CHECKPOINTS.md) and load in Python with <c>torch.load(path, weights_only=True)</c>. We also read plain
/// PyTorch state dicts and training checkpoints that keep the weights under <c>state_dict</c>,
/// <c>model_state_dict</c> or <c>model</c>. Every problem with the file is a <see cref="CheckpointException"/>
/// naming it.
/// </summary>
public static class CheckpointFile
{
    /// <summary>
    /// Writes <paramref name="module"/>'s state dict (parameters and buffers) with <paramref name="metadata"/> to
    /// <paramref name="path"/> atomically; folders are created as needed.
    /// </summary>
    public static void Save(string path, nn.Module module, CheckpointMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(module);
        Save(path, module.state_dict(), metadata);
    }

    /// <summary>Writes <paramref name="stateDict"/> with <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> stateDict, CheckpointMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        ArgumentNullException.ThrowIfNull(metadata);
        var tree = CheckpointLayout.Build(stateDict, metadata);
        AtomicFile.Write(path, stream => TorchZipWriter.Write(stream, tree));
    }

    /// <summary>
    /// Reads a checkpoint. For a file without our metadata (a PyTorch state dict or training checkpoint) the
    /// metadata is <paramref name="defaults"/> plus the file's top-level scalars (e.g. <c>epoch</c>) as extras; if
    /// <paramref name="defaults"/> is null such a file is a <see cref="CheckpointException"/>.
    /// </summary>
    public static Checkpoint Load(string path, CheckpointMetadata? defaults = null)
    {
        var (stateDict, metadata, own) = CheckpointLayout.Interpret(TorchZipReader.Read(path), path, defaults);
        if (metadata == null)
        {
            Release(stateDict.Values);
            throw new CheckpointException(
                $"{path}: a PyTorch checkpoint without MicroBackbone metadata; pass default metadata (arch, variant, "
                + "num_classes, input shape, config) to read it");
        }
        return new Checkpoint(stateDict, metadata, own);
    }

    /// <summary>
    /// Copies the checkpoint's weights into <paramref name="module"/> after checking that keys, shapes and dtypes
    /// match its state dict exactly; on any difference nothing is copied and the
    /// <see cref="CheckpointException"/> lists the first few. Returns the file's metadata, or
    /// <paramref name="defaults"/> (with the file's scalars as extras) for a PyTorch checkpoint, or null if neither.
    /// </summary>
    public static CheckpointMetadata? LoadInto(string path, nn.Module module, CheckpointMetadata? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var (stateDict, metadata, _) = CheckpointLayout.Interpret(TorchZipReader.Read(path), path, defaults);
        try
        {
            CopyInto(stateDict, module, path);
            return metadata;
        }
        finally
        {
            Release(stateDict.Values);
        }
    }

    /// <summary>
    /// Copies an already read checkpoint's weights into <paramref name="module"/>, with the same checks as
    /// <see cref="LoadInto"/>; <paramref name="path"/> names the file in errors.
    /// </summary>
    public static void CopyInto(Checkpoint checkpoint, nn.Module module, string path)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(module);
        CopyInto(checkpoint.StateDict, module, path);
    }

    private static void CopyInto(IReadOnlyDictionary<string, Tensor> stateDict, nn.Module module, string path)
    {
        Dictionary<string, Tensor> target = module.state_dict();
        IReadOnlyList<string> differences = StateDictComparison.Differences(target, stateDict);
        if (differences.Count > 0)
        {
            throw new CheckpointException(
                $"{path}: checkpoint does not fit the {module.GetName()} model, "
                + StateDictComparison.Describe(differences));
        }
        using (no_grad())
        {
            foreach (var (key, destination) in target)
            {
                destination.copy_(stateDict[key].to(destination.device));
            }
        }
    }

    private static void Release(IEnumerable<Tensor> tensors)
    {
        foreach (Tensor tensor in tensors)
        {
            tensor.Dispose();
        }
    }
}
