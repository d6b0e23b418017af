namespace MicroBackbone.Compiler.Training;

/// <summary>A progress report, sent after every batch on the training thread.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Total epochs of the run.</param>
/// <param name="Phase">Training or validation.</param>
/// <param name="Batch">Batches done in this phase.</param>
/// <param name="Batches">Batches in this phase.</param>
/// <param name="Loss">Running mean loss of the phase so far.</param>
/// <param name="Accuracy">Running top-1 accuracy of the phase so far.</param>
/// <param name="LearningRate">Current learning rate.</param>
public sealed record TrainingProgress(
    int Epoch, int Epochs, TrainingPhase Phase, int Batch, int Batches, double Loss, double Accuracy, double LearningRate);
