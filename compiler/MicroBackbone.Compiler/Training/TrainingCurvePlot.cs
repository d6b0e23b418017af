using MicroBackbone.Compiler.IO;
using ScottPlot;

namespace MicroBackbone.Compiler.Training;

/// <summary>
/// The training curves as one PNG of three ScottPlot panels side by side: loss, accuracy (train and validation per
/// epoch) and the learning rate the schedule used. Written atomically so a viewer never opens a half-written image.
/// </summary>
public static class TrainingCurvePlot
{
    /// <summary>Pixel width of the whole image (three panels).</summary>
    public const int Width = 1440;

    /// <summary>Pixel height of the image.</summary>
    public const int Height = 400;

    private static readonly Color TrainColor = Color.FromHex("#1f77b4");
    private static readonly Color ValidationColor = Color.FromHex("#ff7f0e");
    private static readonly Color RateColor = Color.FromHex("#2ca02c");

    /// <summary>Writes the plot of <paramref name="history"/> to <paramref name="path"/> (PNG).</summary>
    public static void Write(string path, IReadOnlyList<EpochMetrics> history) => AtomicFile.WriteAllBytes(path, Render(history));

    /// <summary>Encodes the plot of <paramref name="history"/> as PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<EpochMetrics> history)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        double[] epochs = history.Select(m => (double)m.Epoch).ToArray();

        Plot loss = multiplot.GetPlot(0);
        AddPair(loss, epochs, history.Select(m => m.TrainLoss), history.Select(m => m.ValidationLoss));
        Finish(loss, "Loss", "cross-entropy", epochs);
        loss.Axes.SetLimitsY(0, Math.Max(1e-6, Finite(history.SelectMany(m => new[] { m.TrainLoss, m.ValidationLoss })).DefaultIfEmpty(1).Max()) * 1.05);

        Plot accuracy = multiplot.GetPlot(1);
        AddPair(accuracy, epochs, history.Select(m => 100 * m.TrainAccuracy), history.Select(m => 100 * m.ValidationAccuracy));
        Finish(accuracy, "Accuracy", "top-1 (%)", epochs);
        accuracy.ShowLegend(Alignment.LowerRight);
        accuracy.Axes.SetLimitsY(0, 100);

        Plot rate = multiplot.GetPlot(2);
        var schedule = rate.Add.Scatter(epochs, history.Select(m => m.LearningRate).ToArray(), RateColor);
        schedule.LegendText = "learning rate";
        Finish(rate, "Learning rate", "learning rate", epochs);
        rate.Axes.SetLimitsY(0, Math.Max(1e-9, Finite(history.Select(m => m.LearningRate)).DefaultIfEmpty(1).Max()) * 1.05);

        return PlotImages.Png(multiplot, Width, Height);
    }

    private static void AddPair(Plot plot, double[] epochs, IEnumerable<double> train, IEnumerable<double> validation)
    {
        var t = plot.Add.Scatter(epochs, Finite(train).ToArray(), TrainColor);
        t.LegendText = "train";
        var v = plot.Add.Scatter(epochs, Finite(validation).ToArray(), ValidationColor);
        v.LegendText = "validation";
    }

    private static void Finish(Plot plot, string title, string yLabel, double[] epochs)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        // Whole epochs only on the x axis; a single epoch still gets a readable span.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        double first = epochs.Length == 0 ? 1 : epochs[0], last = epochs.Length == 0 ? 1 : epochs[^1];
        plot.Axes.SetLimitsX(first - 0.5, Math.Max(last, first + 1) + 0.5);
    }

    // NaN or infinite values (a diverged run) are drawn at 0 rather than breaking the axis limits.
    private static IEnumerable<double> Finite(IEnumerable<double> values) => values.Select(v => double.IsFinite(v) ? v : 0);
}
