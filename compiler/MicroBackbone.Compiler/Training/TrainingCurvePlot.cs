using MicroBackbone.Compiler.IO;
using System.Globalization;
using SkiaSharp;

namespace MicroBackbone.Compiler.Training;

/// <summary>
/// Draws the training curves as a PNG: loss (left panel) and accuracy (right panel) per epoch, train in blue and
/// validation in orange, written atomically so a viewer never opens a half-written image.
/// </summary>
public static class TrainingCurvePlot
{
    private const int PanelWidth = 480;
    private const int PanelHeight = 320;
    private const int Margin = 40;
    private static readonly SKColor TrainColor = new(0x1f, 0x77, 0xb4);
    private static readonly SKColor ValidationColor = new(0xff, 0x7f, 0x0e);

    /// <summary>Writes the plot of <paramref name="history"/> to <paramref name="path"/> (PNG).</summary>
    public static void Write(string path, IReadOnlyList<EpochMetrics> history)
    {
        byte[] png = Render(history);
        AtomicFile.Write(path, stream => stream.Write(png));
    }

    /// <summary>Encodes the plot of <paramref name="history"/> as PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<EpochMetrics> history)
    {
        var info = new SKImageInfo(2 * PanelWidth, PanelHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        double maxLoss = history.Count == 0 ? 1 : history.Max(m => Math.Max(m.TrainLoss, m.ValidationLoss));
        DrawPanel(canvas, 0, "loss", history, m => m.TrainLoss, m => m.ValidationLoss, Math.Max(maxLoss, 1e-6));
        DrawPanel(canvas, PanelWidth, "accuracy", history, m => m.TrainAccuracy, m => m.ValidationAccuracy, 1.0);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void DrawPanel(
        SKCanvas canvas, float left, string title, IReadOnlyList<EpochMetrics> history, Func<EpochMetrics, double> train,
        Func<EpochMetrics, double> validation, double top)
    {
        var plot = new SKRect(left + Margin, Margin, left + PanelWidth - (Margin / 2), PanelHeight - Margin);
        using var axis = new SKPaint { Color = SKColors.Gray, StrokeWidth = 1, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var grid = new SKPaint { Color = new SKColor(0xe0, 0xe0, 0xe0), StrokeWidth = 1, Style = SKPaintStyle.Stroke };
        using var text = new SKPaint { Color = SKColors.Black, TextSize = 14, IsAntialias = true };
        for (int i = 1; i < 4; i++)
        {
            float y = plot.Top + (plot.Height * i / 4);
            canvas.DrawLine(plot.Left, y, plot.Right, y, grid);
        }
        canvas.DrawRect(plot, axis);
        canvas.DrawText(string.Create(CultureInfo.InvariantCulture, $"{title} (0 to {top:0.###})"), plot.Left, plot.Top - 10, text);
        canvas.DrawText("epoch", plot.MidX - 20, PanelHeight - 12, text);
        using var trainText = new SKPaint { Color = TrainColor, TextSize = 14, IsAntialias = true };
        using var validationText = new SKPaint { Color = ValidationColor, TextSize = 14, IsAntialias = true };
        canvas.DrawText("train", plot.Right - 90, plot.Top - 10, trainText);
        canvas.DrawText("val", plot.Right - 40, plot.Top - 10, validationText);
        if (history.Count == 0)
        {
            return;
        }
        int firstEpoch = history[0].Epoch, lastEpoch = history[^1].Epoch;
        canvas.DrawText(firstEpoch.ToString(CultureInfo.InvariantCulture), plot.Left, plot.Bottom + 16, text);
        canvas.DrawText(lastEpoch.ToString(CultureInfo.InvariantCulture), plot.Right - 16, plot.Bottom + 16, text);
        DrawSeries(canvas, plot, history, train, top, firstEpoch, lastEpoch, TrainColor);
        DrawSeries(canvas, plot, history, validation, top, firstEpoch, lastEpoch, ValidationColor);
    }

    private static void DrawSeries(
        SKCanvas canvas, SKRect plot, IReadOnlyList<EpochMetrics> history, Func<EpochMetrics, double> value, double top,
        int firstEpoch, int lastEpoch, SKColor color)
    {
        using var line = new SKPaint { Color = color, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var dot = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        using var path = new SKPath();
        for (int i = 0; i < history.Count; i++)
        {
            float x = lastEpoch == firstEpoch
                ? plot.MidX
                : plot.Left + (plot.Width * (history[i].Epoch - firstEpoch) / (lastEpoch - firstEpoch));
            double v = double.IsFinite(value(history[i])) ? Math.Clamp(value(history[i]), 0, top) : 0;
            float y = plot.Bottom - (float)(plot.Height * v / top);
            if (i == 0)
            {
                path.MoveTo(x, y);
            }
            else
            {
                path.LineTo(x, y);
            }
            canvas.DrawCircle(x, y, 3, dot);
        }
        canvas.DrawPath(path, line);
    }
}
