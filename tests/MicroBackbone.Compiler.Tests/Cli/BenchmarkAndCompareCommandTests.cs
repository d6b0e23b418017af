using MicroBackbone.Compiler.Evaluation;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary><c>mbc benchmark</c> and <c>mbc compare</c> on tiny runs.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class BenchmarkAndCompareCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbc-compare-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void BenchmarkPrintsLatencyAndTheAnalyticMacs()
    {
        (int exit, string output, string error) = CliRunner.Run("benchmark", "--runs", "3", "--warmup", "1");
        Assert.True(exit == 0, error);
        Assert.Contains("edge_nano", output);
        Assert.Contains("4,071,104", output); // edge_nano's MACs at 1x32x32, as `mbc info` reports them
        Assert.Contains("median ms", output);
    }

    [Fact]
    public void BenchmarkOfTheReparameterizedEdgeModelSaysDeploy()
    {
        (int exit, string output, string error) = CliRunner.Run("benchmark", "--reparam-edge", "--runs", "2", "--warmup", "1");
        Assert.True(exit == 0, error);
        Assert.Contains("edge_nano (deploy)", output);
        Assert.Contains("4,071,104", output);
    }

    [Fact]
    public void ReparamOfATorchVisionArchIsAClearError()
    {
        (int exit, _, string error) = CliRunner.Run("benchmark", "--reparam-edge", "--arch", "resnet18", "--runs", "1");
        Assert.Equal(1, exit);
        Assert.Contains("'resnet18' is not one", error);
    }

    [Fact]
    public void CompareWritesTheCsvWithOneRowPerModelAndThePlot()
    {
        string csv = Path.Combine(_dir, "benchmarks", "compare_models.csv");
        (int exit, string output, string error) = CliRunner.Run("compare", "--models", "edge_nano,mobilenet_v3_small",
            "--limit-val", "64", "--runs", "2", "--csv", csv);
        Assert.True(exit == 0, error);

        string[] lines = File.ReadAllLines(csv);
        Assert.Equal(ComparisonReport.CsvHeader, lines[0]);
        Assert.Equal(3, lines.Length);
        string[] nano = lines[1].Split(',');
        Assert.Equal(ComparisonReport.CsvHeader.Split(',').Length, nano.Length);
        Assert.Equal("edge_nano", nano[0]);
        Assert.Equal("97210", nano[2]);
        Assert.StartsWith("mobilenet_v3_small,", lines[2]);
        Assert.True(long.Parse(lines[2].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture) > 0, "MACs of a TorchVision arch are counted");
        byte[] png = File.ReadAllBytes(Path.ChangeExtension(csv, ".png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("| edge_nano |", output);
    }

    [Fact]
    public void CompareWithNothingToCompareSaysSo()
    {
        (int exit, _, string error) = CliRunner.Run("compare", "--csv", Path.Combine(_dir, "x.csv"));
        Assert.Equal(1, exit);
        Assert.Contains("nothing to compare", error);
    }
}
