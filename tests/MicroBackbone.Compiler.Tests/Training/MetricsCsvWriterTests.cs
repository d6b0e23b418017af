using MicroBackbone.Compiler.Training;
using SkiaSharp;

namespace MicroBackbone.Compiler.Tests.Training;

public class MetricsCsvWriterTests
{
    private static readonly EpochMetrics[] History =
    {
        new(1, 1.5, 0.45, 1.2, 0.55, 0.1, 1234.56, 3.456),
        new(2, 0.9, 0.7, 0.8, 0.72, 0.05, 1300, 3.1),
    };

    [Fact]
    public void WritesTheDocumentedColumnsAndReadsThemBack()
    {
        using var folder = new TempFolder();
        string path = folder.File("run/metrics.csv");

        MetricsCsvWriter.Write(path, History);

        string[] lines = File.ReadAllLines(path);
        Assert.Equal("epoch,train_loss,train_acc,val_loss,val_acc,lr,images_per_sec,seconds", lines[0]);
        Assert.Equal("1,1.500000,0.450000,1.200000,0.550000,0.1,1234.6,3.46", lines[1]);
        Assert.Equal(3, lines.Length);
        Assert.Single(Directory.GetFiles(folder.File("run")));
        IReadOnlyList<EpochMetrics> back = MetricsCsvWriter.Read(path);
        Assert.Equal(2, back.Count);
        Assert.Equal(0.72, back[1].ValidationAccuracy, 9);
    }

    [Fact]
    public void ReadingAForeignFileFails()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("m.csv"), "a,b\n1,2\n");

        var e = Assert.Throws<TrainingException>(() => MetricsCsvWriter.Read(folder.File("m.csv")));
        Assert.Contains("m.csv:1", e.Message);
    }

    [Fact]
    public void CurvePlotIsAValidPng()
    {
        using var folder = new TempFolder();
        string path = folder.File("curves.png");

        TrainingCurvePlot.Write(path, History);

        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a }, bytes[..8]);
        using SKBitmap decoded = SKBitmap.Decode(bytes);
        Assert.Equal((TrainingCurvePlot.Width, TrainingCurvePlot.Height), (decoded.Width, decoded.Height));
        // Something other than the white background and grey frame was drawn: the train series is blue.
        Assert.Contains(decoded.Pixels, p => p.Blue > 150 && p.Red < 80);
        Assert.Single(Directory.GetFiles(folder.Path));
    }
}
