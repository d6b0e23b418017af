using MicroBackbone.Compiler.IO;
using System.Globalization;
using System.Text;

namespace MicroBackbone.Compiler.Training;

/// <summary>
/// Writes the per-epoch history as <c>metrics.csv</c> (invariant culture, one row per epoch, rewritten atomically
/// after every epoch) and reads it back to resume a run.
/// </summary>
public static class MetricsCsvWriter
{
    /// <summary>The header row, in column order.</summary>
    public const string Header = "epoch,train_loss,train_acc,val_loss,val_acc,lr,images_per_sec,seconds";

    /// <summary>Replaces <paramref name="path"/> with the header and one row per entry of <paramref name="history"/>.</summary>
    public static void Write(string path, IReadOnlyList<EpochMetrics> history)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (EpochMetrics m in history)
        {
            text.Append(string.Join(',', new[]
            {
                m.Epoch.ToString(CultureInfo.InvariantCulture), Number(m.TrainLoss), Number(m.TrainAccuracy), Number(m.ValidationLoss),
                Number(m.ValidationAccuracy), m.LearningRate.ToString("G6", CultureInfo.InvariantCulture),
                m.ImagesPerSecond.ToString("F1", CultureInfo.InvariantCulture), m.Seconds.ToString("F2", CultureInfo.InvariantCulture),
            })).Append('\n');
        }
        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Reads a file written by <see cref="Write"/>; a wrong header or row is a <see cref="TrainingException"/>.</summary>
    public static IReadOnlyList<EpochMetrics> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new TrainingException($"{path}: metrics file not found");
        }
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new TrainingException($"{path}:1: expected the header '{Header}'");
        }
        var history = new List<EpochMetrics>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            string[] cells = lines[i].Split(',');
            double[] values = new double[cells.Length];
            if (cells.Length != 8 || !cells.Select((c, k) => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out values[k])).All(ok => ok))
            {
                throw new TrainingException($"{path}:{i + 1}: expected 8 comma-separated numbers");
            }
            history.Add(new EpochMetrics((int)values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]));
        }
        return history;
    }

    private static string Number(double value) => value.ToString("F6", CultureInfo.InvariantCulture);
}
