using MicroBackbone.Compiler.Evaluation;
using SkiaSharp;

namespace MicroBackbone.Compiler.Tests.Evaluation;

public class ComparisonPlotTests
{
    private static readonly string[] Names =
    [
        "edge_nano", "edge_micro", "edge_small", "resnet18", "resnet50", "mobilenet_v3_small", "mobilenet_v3_large",
        "efficientnet_b0", "convnext_tiny",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    public void Draws_one_marker_per_model_in_its_own_colour(int count)
    {
        // Latencies 0.8 .. 55 ms: with more than two models the axis is logarithmic.
        double[] ms = [0.8, 1.5, 3.1, 9.0, 40.0, 2.2, 6.5, 12.0, 55.0];
        var rows = Names.Take(count)
            .Select((n, i) => new ComparisonRow(n, n, 1000, 1000, new LatencyResult(1, 10, ms[i], ms[i], 1000 / ms[i]), null, 0.9 + (0.005 * i)))
            .ToList();

        using SKBitmap image = SKBitmap.Decode(ComparisonPlot.Render(rows));

        Assert.Equal((ComparisonPlot.Width, ComparisonPlot.Height), (image.Width, image.Height));
        // Category10's first colours: blue for the first model, orange for the second.
        Assert.Contains(image.Pixels, p => p.Blue > 150 && p.Red < 80 && p.Green < 150);
        if (count > 1)
        {
            Assert.Contains(image.Pixels, p => p.Red > 230 && p.Green is > 100 and < 150 && p.Blue < 40);
        }
    }

    [Fact]
    public void An_empty_comparison_still_draws_axes()
    {
        using SKBitmap image = SKBitmap.Decode(ComparisonPlot.Render([]));
        Assert.Equal(ComparisonPlot.Width, image.Width);
    }
}
