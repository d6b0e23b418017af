using System.CommandLine;
using System.Globalization;
using MicroBackbone.Cli.Rendering;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Optimization.Pruning;
using MicroBackbone.Compiler.Training;
using Spectre.Console;

namespace MicroBackbone.Cli.Commands;

/// <summary><c>mbc prune</c>: structured (whole channels) or unstructured (magnitude) pruning into a new checkpoint.</summary>
internal static class PruneCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input-model") { Description = "The float .pth to prune (never modified).", Required = true };
        var output = new Option<string>("--output-model") { Description = "Where to write the pruned .pth.", Required = true };
        var type = new Option<string>("--pruning-type") { Description = "structured (remove hidden channels of edge blocks) or unstructured (zero the smallest weights).", DefaultValueFactory = _ => "structured" };
        type.AcceptOnlyFromAmong("structured", "unstructured");
        var ratio = new Option<double>("--pruning-ratio") { Description = "Fraction to remove, between 0 and 1.", DefaultValueFactory = _ => 0.2 };
        var scope = new Option<string>("--scope") { Description = "Unstructured only: global (one threshold) or layer (the ratio in every layer).", DefaultValueFactory = _ => "global" };
        scope.AcceptOnlyFromAmong("global", "layer");
        var epochs = new Option<int>("--fine-tune-epochs") { Description = "Fine-tune the pruned model for N epochs on the dataset (0: no fine-tuning).", DefaultValueFactory = _ => 0 };
        var lr = new Option<double>("--fine-tune-lr") { Description = "Learning rate of the fine-tuning.", DefaultValueFactory = _ => 0.01 };
        var limitTrain = new Option<int?>("--limit-train") { Description = "Fine-tune on the first N training images only." };
        var model = new ModelOptions();
        var data = new DatasetOptions();
        var logLevel = new LogLevelOption();
        var command = new Command("prune", "Prune a checkpoint: structured channels or unstructured weights.") { input, output, type, ratio, scope, epochs, lr, limitTrain };
        logLevel.AddTo(command);
        model.AddTo(command);
        data.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            if (parse.GetValue(epochs) == 0)
            {
                UnusedFlags.Refuse(parse, "applies to fine-tuning; add --fine-tune-epochs N", lr, limitTrain);
            }
            if (parse.GetValue(type) == "structured")
            {
                UnusedFlags.Refuse(parse, "applies to --pruning-type unstructured (structured pruning removes the same fraction of every block's hidden channels)", scope);
            }
            DatasetConfig dataset = data.Resolve(parse, parse.GetValue(input));
            var job = new PruningJob(parse.GetValue(input)!, parse.GetValue(output)!,
                parse.GetValue(type) == "structured" ? PruningType.Structured : PruningType.Unstructured,
                parse.GetValue(ratio), parse.GetValue(scope) == "layer" ? PruningScope.Layer : PruningScope.Global)
            {
                RequestedInput = model.Requested(parse),
            };
            (DatasetConfig, TrainingOptions, string)? fineTune = null;
            if (parse.GetValue(epochs) > 0)
            {
                var options = new TrainingOptions
                {
                    Epochs = parse.GetValue(epochs),
                    LearningRate = parse.GetValue(lr),
                    WarmupEpochs = 0,
                    BatchSize = dataset.BatchSize,
                    LimitTrain = parse.GetValue(limitTrain),
                };
                fineTune = (dataset, options, Path.ChangeExtension(job.Output, null) + "_fine_tune");
            }
            ModelSpec fallback = model.Resolve(parse, dataset.NumClasses);
            if (fineTune is { } tuning)
            {
                (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> network, ModelSpec held, _) = ArchCatalog.Load(job.Input, fallback, model.Requested(parse));
                network.Dispose();
                DatasetFit.Check(held, dataset, job.Input);
                // Fine-tuning is training: the same progress (bars on a terminal, plain lines piped) and epoch lines.
                var view = new TrainingProgressView(StandardOutput.Create());
                job = job with { FineTuneDisplay = (hooks, train) => view.Run(0, tuning.Item2.Epochs, hooks, train) };
            }
            PruningReport report = job.Run(fallback, fineTune);
            LogLevel level = logLevel.Resolve(parse);
            if (level != LogLevel.Quiet)
            {
                Render(report, job, level);
            }
            return 0;
        }));
        return command;
    }

    private static void Render(PruningReport report, PruningJob job, LogLevel level)
    {
        IAnsiConsole console = StandardOutput.Create();
        bool structured = job.Type == PruningType.Structured;
        // Unstructured pruning touches every conv and linear layer: the per-layer table is detail (debug).
        bool showTable = structured || level == LogLevel.Debug;
        var table = new Table().Border(TableBorder.Rounded).AddColumns("layer", structured ? "channels before" : "weights", structured ? "after" : "non-zero", "removed");
        foreach (LayerPruning layer in report.Layers)
        {
            table.AddRow(Markup.Escape(layer.Layer), N(layer.Before), N(layer.After), Markup.Escape(layer.Detail));
        }
        if (showTable)
        {
            console.Write(table);
        }
        string totals = structured
            ? $"parameters {N(report.ParametersBefore)} -> {N(report.ParametersAfter)} ({(100 * report.Sparsity).ToString("F1", CultureInfo.InvariantCulture)}% fewer), MACs {N(report.MacsBefore)} -> {N(report.MacsAfter)}"
            : $"conv/linear weights: {N(report.ParametersBefore - report.ParametersAfter)} of {N(report.ParametersBefore)} zero ({(100 * report.Sparsity).ToString("F1", CultureInfo.InvariantCulture)}% sparsity)";
        console.MarkupLine(Markup.Escape(totals + $"; written {job.Output}"));
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
