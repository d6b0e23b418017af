using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Training;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Optimization.Pruning;

/// <summary>Structured (whole channels) or unstructured (single weights) pruning.</summary>
public enum PruningType
{
    /// <summary>Remove hidden channels of MicroSign-Edge blocks: a really smaller model.</summary>
    Structured,

    /// <summary>Zero the smallest weights: same shapes, sparse tensors.</summary>
    Unstructured,
}

/// <summary>
/// What <c>mbc prune</c> runs: load a float checkpoint, prune, optionally fine-tune with the trainer (zeros of
/// unstructured pruning are re-applied after every step, so they stay zero), and save a new checkpoint whose
/// metadata (and, for structured pruning, embedded config) rebuilds the pruned model. The input file is only read.
/// </summary>
/// <param name="Input">The float checkpoint to prune.</param>
/// <param name="Output">Where the pruned checkpoint goes (written atomically; must differ from the input).</param>
/// <param name="Type">Structured or unstructured.</param>
/// <param name="Ratio">Fraction to remove, strictly between 0 and 1.</param>
/// <param name="Scope">For unstructured pruning: one global threshold or one per layer.</param>
public sealed record PruningJob(string Input, string Output, PruningType Type, double Ratio, PruningScope Scope = PruningScope.Global)
{
    /// <summary>
    /// Shows the fine-tuning (e.g. the CLI's progress view): called with the job's own hooks and the training run, it
    /// runs the training with hooks that forward to the job's and returns the result. Null trains silently.
    /// </summary>
    public Func<TrainingHooks, Func<TrainingHooks, TrainingResult>, TrainingResult>? FineTuneDisplay { get; init; }

    /// <summary>An input size asked for on the command line: the pruned model is rebuilt (and saved) for it.</summary>
    public InputRequest? RequestedInput { get; init; }

    /// <summary>Prunes; <paramref name="fallback"/> describes plain state dicts; fine-tunes when <paramref name="fineTune"/> is given.</summary>
    public PruningReport Run(ModelSpec fallback, (DatasetConfig Dataset, TrainingOptions Options, string Folder)? fineTune = null)
    {
        PruningRatio.Check(Ratio);
        if (Path.GetFullPath(Input) == Path.GetFullPath(Output))
        {
            throw new PruningException($"--output-model: {Output} is the input model; prune writes a new file and never modifies its input");
        }
        (nn.Module<Tensor, Tensor> model, ModelSpec spec, CheckpointMetadata metadata) = ArchCatalog.Load(Input, fallback, RequestedInput);
        try
        {
            if (metadata.QuantizationJson != null)
            {
                throw new PruningException($"{Input}: is quantized; prune the float checkpoint, then quantize the pruned one");
            }
            PruningReport report;
            if (Type == PruningType.Structured)
            {
                if (model is not MicroSignEdge edge)
                {
                    throw new PruningException(
                        $"{Input}: structured pruning supports the MicroSign-Edge variants; use --pruning-type unstructured for {spec.Arch}");
                }
                (MicroSignEdge pruned, report) = ChannelPruner.Prune(edge, Ratio);
                model.Dispose();
                model = pruned;
                ModelConfigText config = ModelConfigWriter.WithArchitecture(spec.Config, pruned.Architecture);
                spec = spec with { Config = config };
                metadata = metadata with { ConfigYaml = config.Yaml };
            }
            else
            {
                report = MagnitudePruner.Prune(model, Ratio, Scope);
            }
            if (fineTune is { } f)
            {
                FineTune(model, spec, f.Dataset, f.Options, f.Folder);
            }
            CheckpointFile.Save(Output, model, metadata.WithExtra("pruning", $"{Type.ToString().ToLowerInvariant()} {Ratio.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            return report;
        }
        finally
        {
            model.Dispose();
        }
    }

    private void FineTune(nn.Module<Tensor, Tensor> model, ModelSpec spec, DatasetConfig dataset, TrainingOptions options, string folder)
    {
        // Weights that are zero now stay zero: re-applied after every optimizer step.
        var masks = new List<(Tensor Weight, Tensor Zero)>();
        if (Type == PruningType.Unstructured)
        {
            foreach ((string _, nn.Module module) in model.named_modules())
            {
                if (module is TorchSharp.Modules.Conv2d or TorchSharp.Modules.Linear && module.get_parameter("weight") is { } w)
                {
                    masks.Add((w, w.detach().eq(0)));
                }
            }
        }
        void Reapply()
        {
            using var noGrad = no_grad();
            foreach ((Tensor weight, Tensor zero) in masks)
            {
                weight.masked_fill_(zero, 0);
            }
        }

        var hooks = new TrainingHooks { Progress = _ => Reapply() };
        DatasetSplits splits = DatasetLoader.Load(dataset);
        TrainingResult Train(TrainingHooks h) =>
            TrainingRun.Run(model, splits, spec.Input.Channels, spec.Input.Height, spec.Input.Width, options, folder, h);
        _ = FineTuneDisplay is { } display ? display(hooks, Train) : Train(hooks);
        Reapply();
        model.eval();
    }
}
