namespace MicroBackbone.Compiler.Training;

/// <summary>How a model did on one split.</summary>
/// <param name="Loss">Mean cross-entropy (no label smoothing).</param>
/// <param name="Confusion">Counts of true versus predicted classes.</param>
public sealed record EvaluationResult(double Loss, ConfusionMatrix Confusion)
{
    /// <summary>Top-1 accuracy in [0, 1].</summary>
    public double Top1 => Confusion.Accuracy;

    /// <summary>Images evaluated.</summary>
    public long Count => Confusion.Total;

    /// <summary>Accuracy per class (NaN for classes absent from the split).</summary>
    public double[] PerClassAccuracy => Confusion.PerClassAccuracy();
}
