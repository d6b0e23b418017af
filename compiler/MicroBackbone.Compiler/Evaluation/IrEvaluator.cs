using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Training;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>
/// Evaluates a model that runs outside TorchSharp (the int8 reference interpreter, a float IR interpreter) on a test
/// set: top-1 via the confusion matrix and mean cross-entropy of its logits, as <see cref="Evaluator"/> reports.
/// </summary>
public static class IrEvaluator
{
    /// <summary>Runs <paramref name="logitsOf"/> (NHWC image → logits) on every image of <paramref name="images"/>.</summary>
    public static EvaluationResult Evaluate(Func<float[], float[]> logitsOf, NhwcImages images, int classes, Action<int>? progress = null)
    {
        var confusion = new ConfusionMatrix(classes);
        var buffer = new float[images.ImageSize];
        double loss = 0;
        for (int i = 0; i < images.Count; i++)
        {
            images.Read(i, buffer);
            float[] logits = logitsOf(buffer);
            int truth = images.Label(i);
            int predicted = 0;
            double max = double.NegativeInfinity;
            for (int k = 0; k < logits.Length; k++)
            {
                if (logits[k] > max)
                {
                    max = logits[k];
                    predicted = k;
                }
            }
            double sum = 0;
            foreach (float v in logits)
            {
                sum += Math.Exp(v - max);
            }
            loss += Math.Log(sum) - (logits[truth] - max);
            confusion.Add(truth, predicted, 1);
            progress?.Invoke(i + 1);
        }
        return new EvaluationResult(images.Count == 0 ? 0 : loss / images.Count, confusion);
    }
}
