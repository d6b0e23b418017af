namespace MicroBackbone.Compiler.Training;

/// <summary>How a training run ended.</summary>
/// <param name="History">Metrics of every completed epoch (including resumed ones).</param>
/// <param name="BestEpoch">The epoch with the highest validation accuracy, or 0 when no epoch completed.</param>
/// <param name="Cancelled">True when the run stopped early on cancellation; the model then holds mid-epoch weights.</param>
public sealed record TrainingResult(IReadOnlyList<EpochMetrics> History, int BestEpoch, bool Cancelled)
{
    /// <summary>Metrics of <see cref="BestEpoch"/>, or null when no epoch completed.</summary>
    public EpochMetrics? Best => History.FirstOrDefault(m => m.Epoch == BestEpoch);
}
