using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Training;

/// <summary>
/// One <c>mbc train</c> run over a loaded dataset: builds the loaders for the model's input shape, trains, and after
/// every epoch rewrites <c>metrics.csv</c> and <c>training_curves.png</c> in the output folder before calling the
/// caller's hooks (which save the checkpoints).
/// </summary>
public static class TrainingRun
{
    /// <summary>File name of the per-epoch metrics in the output folder.</summary>
    public const string MetricsFileName = "metrics.csv";

    /// <summary>File name of the loss/accuracy plot in the output folder.</summary>
    public const string CurvesFileName = "training_curves.png";

    /// <summary>
    /// The training loader (shuffled, augmented, limited by <see cref="TrainingOptions.LimitTrain"/>) and the validation
    /// loader (in order, not augmented) for a model taking <paramref name="channels"/>x<paramref name="height"/>x<paramref name="width"/>.
    /// </summary>
    public static (BatchLoader Train, BatchLoader Validation) CreateLoaders(
        DatasetSplits splits, int channels, int height, int width, TrainingOptions options)
    {
        var augmentation = AugmentationOptions.For(splits.Config, channels, height, width);
        ImageDataset train = splits.Train, validation = splits.Validation;
        return (
            new BatchLoader(train, new Augmentation(train.Channels, train.Height, train.Width, augmentation), options.BatchSize, training: true, options.Seed, options.LimitTrain),
            new BatchLoader(validation, new Augmentation(validation.Channels, validation.Height, validation.Width, augmentation), options.BatchSize, training: false, options.Seed, options.LimitValidation));
    }

    /// <summary>
    /// The loader <c>mbc test</c> evaluates: <paramref name="data"/> in order, unaugmented, normalised as
    /// <paramref name="dataset"/> says.
    /// </summary>
    public static BatchLoader CreateEvaluationLoader(
        DatasetConfig dataset, ImageDataset data, int channels, int height, int width, int batchSize, int? limit = null)
    {
        var augmentation = AugmentationOptions.For(dataset, channels, height, width);
        return new BatchLoader(data, new Augmentation(data.Channels, data.Height, data.Width, augmentation), batchSize, training: false, seed: 0, limit);
    }

    /// <summary>
    /// Trains <paramref name="model"/> (input <paramref name="channels"/>x<paramref name="height"/>x<paramref name="width"/>)
    /// and keeps <see cref="MetricsFileName"/> and <see cref="CurvesFileName"/> in <paramref name="outputDirectory"/>
    /// current. Seed torch with <see cref="Trainer.Seed"/> before building the model for a repeatable run.
    /// </summary>
    public static TrainingResult Run(
        nn.Module<Tensor, Tensor> model, DatasetSplits splits, int channels, int height, int width, TrainingOptions options,
        string outputDirectory, TrainingHooks? hooks = null, TrainingResume? resume = null, CancellationToken cancellation = default)
    {
        var trainer = new Trainer(options);
        (BatchLoader train, BatchLoader validation) = CreateLoaders(splits, channels, height, width, options);
        IO.OutputFolder.Ensure(outputDirectory);
        var withFiles = new TrainingHooks
        {
            Progress = hooks?.Progress,
            NewBest = hooks?.NewBest,
            EpochCompleted = (metrics, history) =>
            {
                MetricsCsvWriter.Write(Path.Combine(outputDirectory, MetricsFileName), history);
                TrainingCurvePlot.Write(Path.Combine(outputDirectory, CurvesFileName), history);
                hooks?.EpochCompleted?.Invoke(metrics, history);
            },
        };
        return trainer.Train(model, train, validation, splits.Config.NumClasses, withFiles, resume, cancellation);
    }
}
