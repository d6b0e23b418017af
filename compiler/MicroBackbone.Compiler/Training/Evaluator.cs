using MicroBackbone.Compiler.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Training;

/// <summary>
/// Runs a classifier over a split without gradients: mean cross-entropy, top-1 accuracy, per-class accuracy and the
/// confusion matrix. The counts are accumulated in a tensor so the only read-back is at the end.
/// </summary>
public static class Evaluator
{
    /// <summary>
    /// Evaluates <paramref name="model"/> (switched to eval mode) on every batch of <paramref name="loader"/>.
    /// <paramref name="progress"/> is called after each batch with (batches done, batches, running loss, running accuracy).
    /// </summary>
    public static EvaluationResult Evaluate(
        nn.Module<Tensor, Tensor> model, BatchLoader loader, int numClasses, CancellationToken cancellation = default,
        Action<int, int, double, double>? progress = null)
    {
        model.eval();
        using var noGrad = no_grad();
        using Tensor counts = zeros(new long[] { (long)numClasses * numClasses }, ScalarType.Int64);
        double lossSum = 0;
        long seen = 0, correct = 0;
        int batchIndex = 0;
        foreach (Batch batch in loader.Epoch(0))
        {
            using (batch)
            using (NewDisposeScope())
            {
                cancellation.ThrowIfCancellationRequested();
                Tensor logits = model.forward(batch.Images);
                if (logits.dim() != 2 || logits.shape[1] != numClasses)
                {
                    throw new TrainingException(
                        $"the model outputs shape [{string.Join(", ", logits.shape)}] but the dataset has {numClasses} classes; expected [N, {numClasses}]");
                }
                lossSum += nn.functional.cross_entropy(logits, batch.Labels, reduction: nn.Reduction.Sum).item<float>();
                Tensor predicted = logits.argmax(1);
                correct += predicted.eq(batch.Labels).sum().item<long>();
                counts.add_(batch.Labels.mul(numClasses).add(predicted).bincount(null, numClasses * numClasses));
                seen += batch.Count;
                batchIndex++;
                progress?.Invoke(batchIndex, loader.BatchesPerEpoch, lossSum / seen, (double)correct / seen);
            }
        }
        var confusion = new ConfusionMatrix(numClasses);
        long[] flat = counts.data<long>().ToArray();
        for (int t = 0; t < numClasses; t++)
        {
            for (int p = 0; p < numClasses; p++)
            {
                confusion.Add(t, p, flat[(t * numClasses) + p]);
            }
        }
        return new EvaluationResult(seen == 0 ? 0 : lossSum / seen, confusion);
    }
}
