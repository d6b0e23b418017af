using System.Globalization;
using MicroBackbone.Compiler.IO;
using SkiaSharp;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>A PNG scatter of top-1 accuracy against median latency, one labelled point per compared model.</summary>
public static class ComparisonPlot
{
    private const int Width = 720;
    private const int Height = 480;
    private const int Margin = 60;

    /// <summary>Writes the plot atomically to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<ComparisonRow> rows) => AtomicFile.WriteAllBytes(path, Render(rows));

    /// <summary>Encodes the plot as PNG bytes.</summary>
    public static byte[] Render(IReadOnlyList<ComparisonRow> rows)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        SKCanvas canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        var plot = new SKRect(Margin, Margin / 2, Width - (Margin / 2), Height - Margin);
        using var axis = new SKPaint { Color = SKColors.Gray, StrokeWidth = 1, Style = SKPaintStyle.Stroke, IsAntialias = true };
        using var text = new SKPaint { Color = SKColors.Black, TextSize = 14, IsAntialias = true };
        using var point = new SKPaint { Color = new SKColor(0x1f, 0x77, 0xb4), Style = SKPaintStyle.Fill, IsAntialias = true };
        canvas.DrawRect(plot, axis);
        double maxLatency = rows.Count == 0 ? 1 : Math.Max(1e-3, rows.Max(r => r.Latency.MedianMs)) * 1.1;
        canvas.DrawText(Invariant($"median latency (ms, 0 to {maxLatency:0.##})"), plot.MidX - 120, Height - 20, text);
        canvas.DrawText("top-1 (0 to 100%)", 8, plot.Top - 8 + Margin / 2, text);
        foreach (ComparisonRow r in rows)
        {
            float x = plot.Left + (float)(r.Latency.MedianMs / maxLatency * plot.Width);
            float y = plot.Bottom - (float)(Math.Clamp(r.Top1, 0, 1) * plot.Height);
            canvas.DrawCircle(x, y, 5, point);
            canvas.DrawText(Invariant($"{r.Name} ({100 * r.Top1:F1}%)"), x + 8, y - 6, text);
        }
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
