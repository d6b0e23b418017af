namespace MicroBackbone.Compiler.Training;

/// <summary>
/// What the caller wants to hear from a <see cref="Trainer"/>. All callbacks run synchronously on the training thread,
/// so a checkpoint saved in <see cref="EpochCompleted"/> holds exactly that epoch's weights.
/// </summary>
public sealed class TrainingHooks
{
    /// <summary>After every training and validation batch (e.g. to drive a progress bar).</summary>
    public Action<TrainingProgress>? Progress { get; init; }

    /// <summary>When an epoch reaches a validation accuracy above every earlier one (save <c>_best.pth</c>).</summary>
    public Action<EpochMetrics>? NewBest { get; init; }

    /// <summary>
    /// After every epoch, after <see cref="NewBest"/>, with the whole history so far (save <c>_last.pth</c>, rewrite
    /// metrics.csv and the curve plot).
    /// </summary>
    public Action<EpochMetrics, IReadOnlyList<EpochMetrics>>? EpochCompleted { get; init; }
}
