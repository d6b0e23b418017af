using ScottPlot;
using SkiaSharp;

namespace MicroBackbone.Compiler.IO;

/// <summary>Renders ScottPlot figures to PNG bytes in memory (the callers write them with <see cref="AtomicFile"/>).</summary>
internal static class PlotImages
{
    /// <summary>PNG bytes of <paramref name="multiplot"/> at the given pixel size.</summary>
    public static byte[] Png(Multiplot multiplot, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        multiplot.Render(surface);
        using SKImage image = surface.Snapshot();
        using SKData data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>PNG bytes of <paramref name="plot"/> at the given pixel size.</summary>
    public static byte[] Png(Plot plot, int width, int height) => plot.GetImageBytes(width, height, ImageFormat.Png);
}
