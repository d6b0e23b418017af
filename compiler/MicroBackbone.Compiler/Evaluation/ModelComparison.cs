using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>A model to compare: a checkpoint, or an arch built fresh (optionally with local pretrained weights).</summary>
/// <param name="Name">Label in the table.</param>
/// <param name="Spec">What to build.</param>
/// <param name="Checkpoint">A checkpoint whose weights (and metadata) to use, or null.</param>
/// <param name="PretrainedWeights">A local PyTorch state dict for a TorchVision arch, or null.</param>
/// <param name="RequestedInput">An input size asked for on the command line, that a checkpoint's model is rebuilt for.</param>
public sealed record ComparisonCandidate(string Name, ModelSpec Spec, string? Checkpoint, string? PretrainedWeights, InputRequest? RequestedInput = null);

/// <summary>Measures parameters, MACs, latency, file size and validation top-1 of several models side by side.</summary>
public sealed class ModelComparison
{
    private readonly DatasetConfig dataset;
    private readonly ImageDataset validation;

    /// <summary>Loads the validation split once (<paramref name="limit"/> images at most) for every candidate.</summary>
    public ModelComparison(DatasetConfig dataset, int? limit)
    {
        this.dataset = dataset;
        DatasetSplits splits = DatasetLoader.Load(dataset);
        validation = limit is int n ? splits.Validation.Take(n) : splits.Validation;
    }

    /// <summary>Latency runs per model (after <see cref="Warmup"/> untimed ones).</summary>
    public int Runs { get; init; } = 50;

    /// <summary>Untimed forward passes before timing.</summary>
    public int Warmup { get; init; } = 5;

    /// <summary>Images per timed forward pass.</summary>
    public int BatchSize { get; init; } = 1;

    /// <summary>Measures one candidate.</summary>
    public ComparisonRow Measure(ComparisonCandidate candidate)
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = Build(candidate);
        using (model)
        {
            long[] input = { spec.Input.Channels, spec.Input.Height, spec.Input.Width };
            long macs = MacCounter.Count(model, input);
            LatencyResult latency = LatencyBenchmark.Measure(model, input, BatchSize, Runs, Warmup);
            BatchLoader loader = TrainingRun.CreateEvaluationLoader(dataset, validation, spec.Input.Channels, spec.Input.Height,
                spec.Input.Width, dataset.BatchSize);
            EvaluationResult evaluation = Evaluator.Evaluate(model, loader, spec.NumClasses);
            long? fileBytes = candidate.Checkpoint != null ? new FileInfo(candidate.Checkpoint).Length : null;
            return new ComparisonRow(candidate.Name, spec.Arch, MacCounter.Parameters(model), macs, latency, fileBytes, evaluation.Top1);
        }
    }

    private static (nn.Module<Tensor, Tensor> Model, ModelSpec Spec) Build(ComparisonCandidate candidate)
    {
        if (candidate.Checkpoint != null)
        {
            (nn.Module<Tensor, Tensor> model, ModelSpec spec, _) = ArchCatalog.Load(candidate.Checkpoint, candidate.Spec, candidate.RequestedInput);
            return (model, spec);
        }
        nn.Module<Tensor, Tensor> fresh = ArchCatalog.Create(candidate.Spec);
        if (candidate.PretrainedWeights != null)
        {
            Models.TorchVision.PretrainedWeights.Load(fresh, candidate.Spec.Arch, candidate.PretrainedWeights);
        }
        return (fresh, candidate.Spec);
    }
}
