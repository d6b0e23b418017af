using System.CommandLine;
using MicroBackbone.Cli.Rendering;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Models.TorchVision;
using MicroBackbone.Compiler.Training;
using MicroBackbone.Ir;
using Spectre.Console;

namespace MicroBackbone.Cli.Commands;

/// <summary><c>mbc train</c>: train a MicroSign-Edge variant or a TorchVision arch on a dataset of datasets.yaml.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var data = new DatasetOptions();
        var output = new Option<string>("--output-dir") { Description = "Folder for checkpoints/, metrics.csv and the curves.", DefaultValueFactory = _ => "outputs" };
        var pretrained = new Option<bool>("--pretrained") { Description = "Start from local pretrained weights (TorchVision archs; --weights or $MBC_WEIGHTS)." };
        var weights = new Option<string?>("--weights") { Description = "A PyTorch .pth state dict to start from (implies --pretrained)." };
        var defaults = new TrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Epochs to train.", DefaultValueFactory = _ => defaults.Epochs };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var optimizer = new Option<string>("--optimizer") { Description = "sgd or adamw.", DefaultValueFactory = _ => "sgd" };
        var weightDecay = new Option<double>("--weight-decay") { DefaultValueFactory = _ => defaults.WeightDecay, Description = "Weight decay." };
        var smoothing = new Option<double>("--label-smoothing") { DefaultValueFactory = _ => defaults.LabelSmoothing, Description = "Label smoothing." };
        var warmup = new Option<double>("--warmup-epochs") { DefaultValueFactory = _ => defaults.WarmupEpochs, Description = "Linear warm-up epochs before the cosine decay." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Batch size (default: the dataset's)." };
        var limit = new Option<int?>("--limit-train") { Description = "Train on the first N images only (quick runs)." };
        var limitVal = new Option<int?>("--limit-val") { Description = "Validate on the first N images only." };
        var seed = new Option<int>("--seed") { Description = "Seed for weights and data order.", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: one per core).", DefaultValueFactory = _ => defaults.Threads };
        var resume = new Option<string?>("--resume") { Description = "Continue from a _last.pth of an earlier run." };

        var command = new Command("train", "Train a model; writes <output-dir>/checkpoints/<arch>_best.pth and _last.pth, metrics.csv and training_curves.png.");
        model.AddTo(command);
        data.AddTo(command);
        foreach (Option option in new Option[] { output, pretrained, weights, epochs, lr, optimizer, weightDecay, smoothing, warmup, batchSize, limit, limitVal, seed, threads, resume })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => UserErrors.Run(() =>
        {
            DatasetConfig dataset = data.Resolve(parse);
            ModelSpec spec = model.Resolve(parse, dataset.NumClasses);
            DatasetFit.Check(spec, dataset, null);
            var options = new TrainingOptions
            {
                Epochs = parse.GetValue(epochs),
                LearningRate = parse.GetValue(lr),
                Optimizer = TrainingOptions.ParseOptimizer(parse.GetValue(optimizer)!),
                WeightDecay = parse.GetValue(weightDecay),
                LabelSmoothing = parse.GetValue(smoothing),
                WarmupEpochs = parse.GetValue(warmup),
                BatchSize = parse.GetValue(batchSize) ?? dataset.BatchSize,
                LimitTrain = parse.GetValue(limit),
                LimitValidation = parse.GetValue(limitVal),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
            };
            bool startFromWeights = parse.GetValue(pretrained) || parse.GetValue(weights) is not null;
            if (startFromWeights && parse.GetValue(resume) is not null)
            {
                throw new MicroBackboneException(
                    "--resume: continues an earlier run from its own weights, so --pretrained/--weights would be ignored; give one or the other");
            }
            if (startFromWeights && !TorchVisionArchs.IsSupported(spec.Arch))
            {
                throw new MicroBackboneException(
                    $"--pretrained/--weights: pretrained weights exist for the TorchVision archs ({string.Join(", ", TorchVisionArchs.Names)}); "
                    + $"{spec.Arch} starts from its own initialization (continue an earlier run with --resume X_last.pth)");
            }

            var job = new TrainingJob(spec, dataset, options, parse.GetValue(output)!)
            {
                // --weights alone means the user wants those weights: it implies --pretrained rather than being ignored.
                PretrainedWeights = startFromWeights ? PretrainedWeights.ResolvePath(spec.Arch, parse.GetValue(weights)) : null,
                ResumeFrom = parse.GetValue(resume),
            };
            using var cancel = new CancellationTokenSource();
            ConsoleCancelEventHandler stop = (_, e) =>
            {
                e.Cancel = true; // finish the batch, save _last.pth, then exit
                cancel.Cancel();
            };
            Console.CancelKeyPress += stop;
            try
            {
                IAnsiConsole console = StandardOutput.Create();
                console.MarkupLine(Markup.Escape($"training {spec.Arch} ({spec.Input.Channels}x{spec.Input.Height}x{spec.Input.Width}, {spec.NumClasses} classes) on {dataset.Name}"));
                var view = new TrainingProgressView(console);
                TrainingResult result = view.Run(0, options.Epochs, new TrainingHooks(), hooks => job.Run(hooks, cancel.Token));
                if (job.StartNote != null)
                {
                    console.MarkupLine(Markup.Escape(job.StartNote));
                }
                view.RenderHistory(result.History, result.BestEpoch);
                // Plain lines: a path is never wrapped at the console width.
                Console.Out.WriteLine(job.BestSaved
                    ? $"best: {job.BestPath}{Environment.NewLine}last: {job.LastPath}"
                    : $"no epoch completed, so there is no best checkpoint; the interrupted weights are in {job.LastPath}");
                return result.Cancelled ? 130 : 0;
            }
            finally
            {
                Console.CancelKeyPress -= stop;
            }
        }));
        return command;
    }
}
