using System.Text.Json;

namespace MicroBackbone.Compiler.Training;

/// <summary>The machine-readable form of an evaluation (<c>mbc test --output json</c>).</summary>
public static class EvaluationReport
{
    /// <summary>Top-1, per-class accuracy and the confusion matrix (rows: truth, columns: prediction) as indented JSON.</summary>
    public static string ToJson(EvaluationResult result, string arch, string checkpoint, string dataset, IReadOnlyList<string> classNames)
    {
        ConfusionMatrix m = result.Confusion;
        var matrix = new long[m.Classes][];
        for (int t = 0; t < m.Classes; t++)
        {
            matrix[t] = new long[m.Classes];
            for (int p = 0; p < m.Classes; p++)
            {
                matrix[t][p] = m[t, p];
            }
        }
        double[] perClass = result.PerClassAccuracy;
        var report = new
        {
            arch,
            checkpoint,
            dataset,
            samples = result.Count,
            top1 = result.Top1,
            loss = result.Loss,
            per_class = Enumerable.Range(0, m.Classes).Select(c => new
            {
                @class = c < classNames.Count ? classNames[c] : c.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // A class with no test images has no accuracy: null, since JSON has no NaN.
                accuracy = double.IsNaN(perClass[c]) ? (double?)null : perClass[c],
                support = m.Support(c),
            }).ToArray(),
            confusion = matrix,
        };
        return JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
    }
}
