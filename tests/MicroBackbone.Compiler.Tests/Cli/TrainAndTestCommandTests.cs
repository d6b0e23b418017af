using System.Text.Json;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Training;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary><c>mbc train</c> then <c>mbc test</c> on a few hundred real Fashion-MNIST images.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class TrainAndTestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbc-train-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TrainWritesCheckpointsMetricsAndCurvesThatTestReads()
    {
        (int exit, _, string error) = CliRunner.Run("train", "--epochs", "2", "--limit-train", "384", "--limit-val", "128",
            "--warmup-epochs", "0", "--lr", "0.05", "--output-dir", _dir);
        Assert.True(exit == 0, error);

        string best = Path.Combine(_dir, "checkpoints", "microsignedge_edge_nano_best.pth");
        string last = Path.Combine(_dir, "checkpoints", "microsignedge_edge_nano_last.pth");
        Assert.True(File.Exists(best));
        Assert.True(File.Exists(last));
        Assert.True(File.Exists(Path.Combine(_dir, TrainingRun.CurvesFileName)));
        IReadOnlyList<EpochMetrics> history = MetricsCsvWriter.Read(Path.Combine(_dir, TrainingRun.MetricsFileName));
        Assert.Equal(2, history.Count);
        Assert.True(history[1].TrainLoss < history[0].TrainLoss, $"loss did not fall: {history[0].TrainLoss} -> {history[1].TrainLoss}");

        using (Checkpoint checkpoint = CheckpointFile.Load(last))
        {
            Assert.Equal("edge_nano", checkpoint.Metadata.Arch);
            Assert.Equal(new InputShape(1, 32, 32), checkpoint.Metadata.InputShape);
            Assert.Equal(2L, checkpoint.Metadata.Extras["epoch"]);
            Assert.Contains("edge_nano", checkpoint.Metadata.ConfigYaml);
        }

        // Resuming with more epochs stretches the schedule and says so; the added epoch trains at a rate above 0.
        (exit, string resumed, error) = CliRunner.Run("train", "--epochs", "3", "--limit-train", "384", "--limit-val", "128",
            "--warmup-epochs", "0", "--lr", "0.05", "--output-dir", _dir, "--resume", last);
        Assert.True(exit == 0, error);
        Assert.Contains("after epoch 2 of 2", resumed);
        Assert.Contains("now spans 3 epochs", resumed);
        history = MetricsCsvWriter.Read(Path.Combine(_dir, TrainingRun.MetricsFileName));
        Assert.Equal([1, 2, 3], history.Select(m => m.Epoch));
        Assert.True(history[2].LearningRate > 0.001, $"epoch 3 trained at mean lr {history[2].LearningRate}");

        (exit, string json, error) = CliRunner.Run("test", "--checkpoint", best, "--limit", "200", "--output", "json");
        Assert.True(exit == 0, error);
        using JsonDocument report = JsonDocument.Parse(json);
        JsonElement root = report.RootElement;
        Assert.Equal("edge_nano", root.GetProperty("arch").GetString());
        Assert.Equal(200, root.GetProperty("samples").GetInt32());
        JsonElement confusion = root.GetProperty("confusion");
        Assert.Equal(10, confusion.GetArrayLength());
        long[][] rows = confusion.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        Assert.Equal(200, rows.Sum(row => row.Sum()));
        long diagonal = Enumerable.Range(0, 10).Sum(i => rows[i][i]);
        Assert.Equal(diagonal / 200.0, root.GetProperty("top1").GetDouble(), 9);
        Assert.Equal(10, root.GetProperty("per_class").GetArrayLength());
    }

    [Fact]
    public void TestOfAMissingCheckpointIsOneCleanError()
    {
        (int exit, string output, string error) = CliRunner.Run("test", "--checkpoint", Path.Combine(_dir, "nope.pth"));
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Contains("nope.pth", error);
    }
}
