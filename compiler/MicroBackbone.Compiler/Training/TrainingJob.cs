using System.Globalization;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Models.TorchVision;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Training;

/// <summary>
/// One <c>mbc train</c> run: builds the model (optionally from pretrained weights or a <c>_last.pth</c> to resume),
/// trains it, and keeps <c>outputs/checkpoints/&lt;arch&gt;_best.pth</c> and <c>_last.pth</c> current, with metadata.
/// </summary>
public sealed class TrainingJob
{
    private readonly ModelSpec spec;
    private readonly DatasetConfig dataset;
    private readonly TrainingOptions options;

    /// <summary>Prepares a run; nothing is read or trained until <see cref="Run"/>.</summary>
    public TrainingJob(ModelSpec spec, DatasetConfig dataset, TrainingOptions options, string outputDirectory)
    {
        options.Validate();
        this.spec = spec;
        this.dataset = dataset;
        this.options = options;
        OutputDirectory = outputDirectory;
        string checkpoints = Path.Combine(outputDirectory, "checkpoints");
        BestPath = CheckpointNames.PathFor(spec.Arch, "best", checkpoints);
        LastPath = CheckpointNames.PathFor(spec.Arch, "last", checkpoints);
    }

    /// <summary>Folder for metrics.csv, the curves and <c>checkpoints/</c>.</summary>
    public string OutputDirectory { get; }

    /// <summary>Where the best validation checkpoint goes.</summary>
    public string BestPath { get; }

    /// <summary>Where the checkpoint of the last finished (or interrupted) epoch goes.</summary>
    public string LastPath { get; }

    /// <summary>A local PyTorch state dict to start from (TorchVision archs; the head is excluded).</summary>
    public string? PretrainedWeights { get; init; }

    /// <summary>A <c>_last.pth</c> of an earlier run to continue (its epoch count is in the metadata).</summary>
    public string? ResumeFrom { get; init; }

    /// <summary>Epochs already done before this run (non-zero when resuming).</summary>
    public int FirstEpoch { get; private set; }

    /// <summary>A line about what was loaded before training, or null.</summary>
    public string? StartNote { get; private set; }

    /// <summary>
    /// Whether <see cref="BestPath"/> holds a checkpoint of this run (or of the run it resumed): false when it was
    /// interrupted before its first epoch ended.
    /// </summary>
    public bool BestSaved { get; private set; }

    /// <summary>
    /// Trains with <paramref name="hooks"/> (display) and saves checkpoints; on cancellation the weights of the
    /// interrupted epoch are saved to <see cref="LastPath"/> before returning.
    /// </summary>
    public TrainingResult Run(TrainingHooks hooks, CancellationToken cancellation)
    {
        DatasetSplits splits = DatasetLoader.Load(dataset);
        Trainer.Seed(options.Seed, options.Threads);
        using nn.Module<Tensor, Tensor> model = ArchCatalog.Create(spec);
        TrainingResume? resume = Prepare(model);
        var saving = new TrainingHooks
        {
            Progress = hooks.Progress,
            NewBest = m =>
            {
                Save(model, BestPath, m);
                BestSaved = true;
                hooks.NewBest?.Invoke(m);
            },
            EpochCompleted = (m, history) =>
            {
                Save(model, LastPath, m);
                hooks.EpochCompleted?.Invoke(m, history);
            },
        };
        TrainingResult result = TrainingRun.Run(model, splits, spec.Input.Channels, spec.Input.Height, spec.Input.Width,
            options, OutputDirectory, saving, resume, cancellation);
        if (result.Cancelled)
        {
            Save(model, LastPath, result.History.Count > 0 ? result.History[^1] : null);
        }
        return result;
    }

    private TrainingResume? Prepare(nn.Module<Tensor, Tensor> model)
    {
        if (ResumeFrom != null)
        {
            CheckpointMetadata? metadata = CheckpointFile.LoadInto(ResumeFrom, model, spec.ToMetadata());
            long epoch = metadata?.Extras.TryGetValue("epoch", out object? e) == true ? Convert.ToInt64(e, CultureInfo.InvariantCulture) : 0;
            string metrics = Path.Combine(OutputDirectory, TrainingRun.MetricsFileName);
            IReadOnlyList<EpochMetrics> history = File.Exists(metrics)
                ? MetricsCsvWriter.Read(metrics).Where(m => m.Epoch <= epoch).ToList()
                : Array.Empty<EpochMetrics>();
            // A resumed run continues its own files: both were read whole above and are replaced atomically later.
            IO.CommandInputs.Release(ResumeFrom);
            IO.CommandInputs.Release(metrics);
            FirstEpoch = (int)epoch;
            // The best checkpoint of the run being resumed still stands until this run beats it.
            BestSaved = File.Exists(BestPath);
            long? planned = metadata?.Extras.TryGetValue("epochs", out object? n) == true ? Convert.ToInt64(n, CultureInfo.InvariantCulture) : null;
            StartNote = planned is { } total && total != options.Epochs
                ? $"resuming from {ResumeFrom} after epoch {epoch} of {total}: the learning-rate schedule (warm-up + cosine) now spans {options.Epochs} epochs, so epoch {epoch + 1} restarts from that curve's rate"
                : $"resuming from {ResumeFrom} after epoch {epoch}";
            return new TrainingResume(FirstEpoch, history);
        }
        if (PretrainedWeights != null)
        {
            PretrainedLoadReport report = Models.TorchVision.PretrainedWeights.Load(model, spec.Arch, PretrainedWeights);
            StartNote = report.Summary;
        }
        return null;
    }

    private void Save(nn.Module model, string path, EpochMetrics? metrics)
    {
        CheckpointMetadata metadata = spec.ToMetadata().WithExtra(DatasetRecord.NameKey, dataset.Name)
            .WithExtra(DatasetRecord.ExtraKey, DatasetRecord.ToYaml(dataset));
        if (metrics != null)
        {
            // Accuracy as text: PyTorch 1.x's weights_only loader refuses pickled floats, and every PyTorch reads strings.
            metadata = metadata.WithExtra("epoch", metrics.Epoch)
                .WithExtra("epochs", options.Epochs)
                .WithExtra("val_top1", metrics.ValidationAccuracy.ToString("F6", CultureInfo.InvariantCulture));
        }
        CheckpointFile.Save(path, model, metadata);
    }
}
