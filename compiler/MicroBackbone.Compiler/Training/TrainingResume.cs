namespace MicroBackbone.Compiler.Training;

/// <summary>
/// Where a resumed run picks up: the model already holds the weights of <see cref="CompletedEpochs"/> epochs (the
/// optimizer state is not restored; momentum rebuilds within a few steps). The learning-rate schedule and the data
/// order continue as if the run had never stopped.
/// </summary>
/// <param name="CompletedEpochs">Epochs already trained; training continues with epoch CompletedEpochs + 1.</param>
/// <param name="History">Metrics of the completed epochs (e.g. read back from metrics.csv), kept in the new history.</param>
public sealed record TrainingResume(int CompletedEpochs, IReadOnlyList<EpochMetrics> History)
{
    /// <summary>The best validation accuracy in <see cref="History"/>, or -1 when empty.</summary>
    public double BestValidationAccuracy => History.Count == 0 ? -1 : History.Max(m => m.ValidationAccuracy);
}
