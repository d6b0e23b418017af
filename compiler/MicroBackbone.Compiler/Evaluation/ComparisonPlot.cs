using System.Globalization;
using MicroBackbone.Compiler.IO;
using ScottPlot;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>
/// Top-1 accuracy against median latency as a PNG (ScottPlot): one marker per compared model, named in a legend beside
/// the plot rather than by labels on the points, so many models never pile their names on each other or off the
/// edge. The latency axis is logarithmic when the models differ by 10x or more.
/// </summary>
public static class ComparisonPlot
{
    /// <summary>Pixel width of the image.</summary>
    public const int Width = 960;

    /// <summary>Pixel height of the image.</summary>
    public const int Height = 540;

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown,
    ];

    /// <summary>Writes the plot atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<ComparisonRow> rows) => AtomicFile.WriteAllBytes(path, Render(rows));

    /// <summary>Encodes the plot as PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<ComparisonRow> rows)
    {
        var plot = new Plot();
        double[] latencies = rows.Select(r => Math.Max(1e-6, r.Latency.MedianMs)).ToArray();
        bool logarithmic = latencies.Length > 1 && latencies.Max() / latencies.Min() >= 10;
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < rows.Count; i++)
        {
            double x = logarithmic ? Math.Log10(latencies[i]) : latencies[i];
            var marker = plot.Add.Marker(x, 100 * Math.Clamp(rows[i].Top1, 0, 1), Shapes[i % Shapes.Length], 11, palette.GetColor(i));
            marker.LegendText = string.Create(
                CultureInfo.InvariantCulture, $"{rows[i].Name}: {100 * rows[i].Top1:F1}%, {rows[i].Latency.MedianMs:0.###} ms");
        }

        plot.Title("Accuracy against latency");
        plot.XLabel(logarithmic ? "median latency (ms, log scale)" : "median latency (ms)");
        plot.YLabel("top-1 (%)");
        plot.ShowLegend(Edge.Right);
        if (logarithmic)
        {
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = v => Math.Pow(10, v).ToString("0.###", CultureInfo.InvariantCulture),
            };
            double lo = Math.Floor(Math.Log10(latencies.Min())), hi = Math.Ceiling(Math.Log10(latencies.Max()));
            plot.Axes.SetLimitsX(lo, Math.Max(hi, lo + 1));
        }
        else
        {
            plot.Axes.SetLimitsX(0, (latencies.Length == 0 ? 1 : latencies.Max()) * 1.1);
        }

        // The accuracy axis spans the models' range (to whole 5 points) so close models stay apart.
        double[] top1 = rows.Select(r => 100 * Math.Clamp(r.Top1, 0, 1)).DefaultIfEmpty(50).ToArray();
        double bottom = Math.Max(0, Math.Floor((top1.Min() - 2) / 5) * 5), top = Math.Min(100, Math.Ceiling((top1.Max() + 2) / 5) * 5);
        plot.Axes.SetLimitsY(bottom, Math.Max(top, bottom + 5));
        return PlotImages.Png(plot, Width, Height);
    }
}
