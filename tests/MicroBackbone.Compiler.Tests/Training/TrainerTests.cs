using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Training;

public class TrainerTests
{
    private static readonly Lazy<(ImageDataset Train, ImageDataset Validation)> FashionMnist = new(() =>
    {
        DatasetConfig config = DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find("fashion-mnist", "test");
        ImageDataset all = DatasetLoader.LoadSplit(config, config.Train!, "train", limit: 640);
        return all.Split(128, seed: 1);
    });

    private static nn.Module<Tensor, Tensor> TinyCnn(int seed)
    {
        Trainer.Seed(seed);
        return nn.Sequential(
            ("conv1", nn.Conv2d(1, 8, 3, stride: 2, padding: 1)),
            ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(8, 16, 3, stride: 2, padding: 1)),
            ("relu2", nn.ReLU()),
            ("flat", nn.Flatten()),
            ("fc", nn.Linear(16 * 7 * 7, 10)));
    }

    private static (BatchLoader Train, BatchLoader Validation) Loaders(TrainingOptions options)
    {
        var augmentation = new AugmentationOptions(1, 28, 28, new[] { 0.286 }, new[] { 0.353 }, CropPadding: 2, HorizontalFlip: true);
        (ImageDataset train, ImageDataset validation) = FashionMnist.Value;
        return (
            new BatchLoader(train, new Augmentation(1, 28, 28, augmentation), options.BatchSize, training: true, options.Seed, options.LimitTrain),
            new BatchLoader(validation, new Augmentation(1, 28, 28, augmentation), 64, training: false, options.Seed));
    }

    private static readonly TrainingOptions Quick = new()
    {
        Epochs = 1,
        LearningRate = 0.01,
        Optimizer = OptimizerKind.AdamW,
        WeightDecay = 0.01,
        LabelSmoothing = 0.05,
        WarmupEpochs = 0,
        BatchSize = 32,
        Seed = 7,
    };

    [Fact]
    public void OneEpochOnRealFashionMnistLowersTheLossAndCallsTheHooks()
    {
        using var model = TinyCnn(3);
        (BatchLoader train, BatchLoader validation) = Loaders(Quick);
        double before = Evaluator.Evaluate(model, validation, 10).Loss;
        var progress = new List<TrainingProgress>();
        var best = new List<EpochMetrics>();
        var completed = new List<int>();

        TrainingResult result = new Trainer(Quick).Train(model, train, validation, 10, new TrainingHooks
        {
            Progress = progress.Add,
            NewBest = best.Add,
            EpochCompleted = (m, history) => completed.Add(history.Count),
        });

        EpochMetrics epoch = Assert.Single(result.History);
        Assert.False(result.Cancelled);
        Assert.True(epoch.ValidationLoss < before - 0.2, $"validation loss {before} -> {epoch.ValidationLoss}");
        Assert.True(epoch.ValidationAccuracy > 0.3, $"validation accuracy {epoch.ValidationAccuracy}");
        Assert.True(epoch.ImagesPerSecond > 0);
        Assert.Equal(1, result.BestEpoch);
        Assert.Same(epoch, Assert.Single(best));
        Assert.Equal(new[] { 1 }, completed);
        Assert.Equal(train.BatchesPerEpoch, progress.Count(p => p.Phase == TrainingPhase.Train));
        Assert.Equal(validation.BatchesPerEpoch, progress.Count(p => p.Phase == TrainingPhase.Validate));
    }

    [Fact]
    public void SameSeedsGiveTheSameRun()
    {
        TrainingOptions options = Quick with { LimitTrain = 128, Optimizer = OptimizerKind.Sgd, LearningRate = 0.05 };
        EpochMetrics Run()
        {
            using var model = TinyCnn(11);
            (BatchLoader train, BatchLoader validation) = Loaders(options);
            return new Trainer(options).Train(model, train, validation, 10).History[0];
        }

        EpochMetrics first = Run(), second = Run();

        Assert.Equal(first.TrainLoss, second.TrainLoss);
        Assert.Equal(first.ValidationLoss, second.ValidationLoss);
        Assert.Equal(first.ValidationAccuracy, second.ValidationAccuracy);
    }

    [Fact]
    public void CancellationStopsBetweenBatchesWithoutThrowing()
    {
        using var model = TinyCnn(1);
        (BatchLoader train, BatchLoader validation) = Loaders(Quick);
        using var cancel = new CancellationTokenSource();
        int batches = 0;

        TrainingResult result = new Trainer(Quick with { Epochs = 3 }).Train(model, train, validation, 10, new TrainingHooks
        {
            Progress = _ =>
            {
                if (++batches == 2)
                {
                    cancel.Cancel();
                }
            },
        }, cancellation: cancel.Token);

        Assert.True(result.Cancelled);
        Assert.Empty(result.History);
        Assert.Equal(2, batches);
    }

    [Fact]
    public void ResumeRunsOnlyTheRemainingEpochsAndKeepsTheHistory()
    {
        TrainingOptions options = Quick with { Epochs = 2, LimitTrain = 64 };
        using var model = TinyCnn(1);
        (BatchLoader train, BatchLoader validation) = Loaders(options);
        var earlier = new EpochMetrics(1, 2.0, 0.2, 2.0, 0.99, 0.01, 100, 1);
        int newBest = 0;

        TrainingResult result = new Trainer(options).Train(
            model, train, validation, 10, new TrainingHooks { NewBest = _ => newBest++ }, new TrainingResume(1, new[] { earlier }));

        Assert.Equal(new[] { 1, 2 }, result.History.Select(m => m.Epoch));
        Assert.Same(earlier, result.History[0]);
        // 0.99 from the resumed history is not beaten by a 64-image epoch, so no new best.
        Assert.Equal(0, newBest);
        Assert.Equal(1, result.BestEpoch);
    }

    [Fact]
    public void SmoothedCrossEntropyMatchesItsDefinition()
    {
        using var scope = NewDisposeScope();
        Tensor logits = tensor(new float[] { 2, 0, -1, 0.5f, 0.5f, 3 }, new long[] { 2, 3 });
        Tensor labels = tensor(new long[] { 0, 2 });
        Tensor logP = nn.functional.log_softmax(logits, 1);
        float[] lp = logP.data<float>().ToArray();
        double nll = -(lp[0] + lp[5]) / 2;
        double uniform = -lp.Average();

        double plain = Trainer.SmoothedCrossEntropy(logits, labels, 0).item<float>();
        double smoothed = Trainer.SmoothedCrossEntropy(logits, labels, 0.1).item<float>();

        Assert.Equal(nn.functional.cross_entropy(logits, labels).item<float>(), plain, 5);
        Assert.Equal((0.9 * nll) + (0.1 * uniform), smoothed, 5);
    }

    [Fact]
    public void BadOptionsNameTheCommandLineOption()
    {
        var e = Assert.Throws<TrainingException>(() => new Trainer(Quick with { Epochs = 0 }));
        Assert.Contains("--epochs", e.Message);
        Assert.Contains("sgd or adamw", Assert.Throws<TrainingException>(() => TrainingOptions.ParseOptimizer("adam")).Message);
    }
}
