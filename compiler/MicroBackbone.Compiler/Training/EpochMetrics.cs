namespace MicroBackbone.Compiler.Training;

/// <summary>What one training epoch measured; one row of <c>metrics.csv</c>.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss (with label smoothing) over the epoch.</param>
/// <param name="TrainAccuracy">Top-1 accuracy on the (augmented) training batches, in [0, 1].</param>
/// <param name="ValidationLoss">Mean cross-entropy on the validation split.</param>
/// <param name="ValidationAccuracy">Top-1 accuracy on the validation split, in [0, 1].</param>
/// <param name="LearningRate">Mean learning rate over the epoch's steps (the last step of a cosine run is 0, which
/// says nothing about how the epoch trained).</param>
/// <param name="ImagesPerSecond">Training throughput (forward, backward and update; validation excluded).</param>
/// <param name="Seconds">Wall time of the epoch including validation.</param>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double LearningRate,
    double ImagesPerSecond, double Seconds);
