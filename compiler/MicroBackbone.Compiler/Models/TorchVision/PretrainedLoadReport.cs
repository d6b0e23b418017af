namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>What <see cref="PretrainedWeights.Load"/> copied into a model.</summary>
/// <param name="Path">The state-dict file that was read.</param>
/// <param name="LoadedCount">Number of parameters and buffers copied from the file.</param>
/// <param name="SkippedHeadKeys">Classifier-head keys present in the file but not loaded (the head is trained anew).</param>
/// <param name="DefaultedKeys">
/// BatchNorm <c>num_batches_tracked</c> counters absent from older checkpoints; they keep their initial value, as
/// PyTorch does when loading such files.
/// </param>
public sealed record PretrainedLoadReport(
    string Path,
    int LoadedCount,
    IReadOnlyList<string> SkippedHeadKeys,
    IReadOnlyList<string> DefaultedKeys)
{
    /// <summary>One line for the console.</summary>
    public string Summary =>
        $"loaded {LoadedCount} tensors from {Path}; head not loaded ({string.Join(", ", SkippedHeadKeys.DefaultIfEmpty("none in file"))})"
        + (DefaultedKeys.Count > 0 ? $"; {DefaultedKeys.Count} num_batches_tracked counters absent (kept at 0)" : string.Empty);
}
