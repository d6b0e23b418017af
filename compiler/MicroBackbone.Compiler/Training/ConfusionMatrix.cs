namespace MicroBackbone.Compiler.Training;

/// <summary>Counts of (true class, predicted class) pairs; rows are true classes, columns predictions.</summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    public ConfusionMatrix(int classes)
    {
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), "need at least one class");
        }
        counts = new long[classes, classes];
    }

    /// <summary>Number of classes.</summary>
    public int Classes => counts.GetLength(0);

    /// <summary>How many images of class <paramref name="truth"/> were predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => counts[truth, predicted];

    /// <summary>All counted images.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (long c in counts)
            {
                total += c;
            }
            return total;
        }
    }

    /// <summary>Correctly classified images (the diagonal).</summary>
    public long Correct
    {
        get
        {
            long correct = 0;
            for (int i = 0; i < Classes; i++)
            {
                correct += counts[i, i];
            }
            return correct;
        }
    }

    /// <summary>Top-1 accuracy over all images, in [0, 1]; 0 when empty.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Builds a matrix from paired truths and predictions.</summary>
    public static ConfusionMatrix From(IReadOnlyList<int> truths, IReadOnlyList<int> predictions, int classes)
    {
        if (truths.Count != predictions.Count)
        {
            throw new ArgumentException($"{truths.Count} truths but {predictions.Count} predictions", nameof(predictions));
        }
        var matrix = new ConfusionMatrix(classes);
        for (int i = 0; i < truths.Count; i++)
        {
            matrix.Add(truths[i], predictions[i], 1);
        }
        return matrix;
    }

    /// <summary>Adds <paramref name="count"/> images of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public void Add(int truth, int predicted, long count)
    {
        if ((uint)truth >= (uint)Classes || (uint)predicted >= (uint)Classes)
        {
            throw new ArgumentOutOfRangeException(nameof(truth), $"class ({truth}, {predicted}) outside 0..{Classes - 1}");
        }
        counts[truth, predicted] += count;
    }

    /// <summary>Images of class <paramref name="truth"/> that were seen.</summary>
    public long Support(int truth)
    {
        long support = 0;
        for (int p = 0; p < Classes; p++)
        {
            support += counts[truth, p];
        }
        return support;
    }

    /// <summary>Recall of each class (correct / support); NaN for a class with no images.</summary>
    public double[] PerClassAccuracy()
    {
        var accuracy = new double[Classes];
        for (int t = 0; t < Classes; t++)
        {
            long support = Support(t);
            accuracy[t] = support == 0 ? double.NaN : (double)counts[t, t] / support;
        }
        return accuracy;
    }
}
