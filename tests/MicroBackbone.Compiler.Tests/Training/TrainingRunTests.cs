using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Training;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Training;

public class TrainingRunTests
{
    [Fact]
    public void WritesMetricsAndCurvesEveryEpochAndCallsTheCallerHooks()
    {
        using var folder = new TempFolder();
        DatasetConfig config = DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find(null, "test");
        ImageDataset test = DatasetLoader.LoadTest(config, limit: 96);
        var splits = new DatasetSplits(config, test.Take(64), test.Subset(Enumerable.Range(64, 32).ToArray()), null);
        Trainer.Seed(1);
        using var model = nn.Sequential(("flat", nn.Flatten()), ("fc", nn.Linear(3 * 32 * 32, 10)));
        var epochs = new List<int>();
        var options = new TrainingOptions { Epochs = 2, BatchSize = 32, WarmupEpochs = 0, LearningRate = 0.01 };

        TrainingResult result = TrainingRun.Run(model, splits, 3, 32, 32, options, folder.Path,
            new TrainingHooks { EpochCompleted = (m, _) => epochs.Add(m.Epoch) });

        Assert.Equal(new[] { 1, 2 }, epochs);
        Assert.Equal(2, MetricsCsvWriter.Read(folder.File(TrainingRun.MetricsFileName)).Count);
        Assert.True(new FileInfo(folder.File(TrainingRun.CurvesFileName)).Length > 1000);
        Assert.Equal(2, result.History.Count);
    }
}

public class TrainingJobCancellationTests
{
    [Fact]
    public void A_run_stopped_before_its_first_epoch_has_no_best_checkpoint_but_saves_the_last_weights()
    {
        using var folder = new TempFolder();
        DatasetConfig config = DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find(null, "train");
        ModelSpec spec = ArchCatalog.Resolve(ModelConfigText.Load(null), "edge_nano", 32, 1, config.NumClasses);
        var job = new TrainingJob(spec, config, new TrainingOptions { Epochs = 1, BatchSize = 32, LimitTrain = 64, LimitValidation = 32 }, folder.Path);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        TrainingResult result = job.Run(new TrainingHooks(), cancel.Token);

        Assert.True(result.Cancelled);
        Assert.False(job.BestSaved);
        Assert.False(File.Exists(job.BestPath));
        Assert.True(File.Exists(job.LastPath));
    }
}
