using System.CommandLine;
using MicroBackbone.Cli.Rendering;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Evaluation;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Compiler.Training;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Cli.Commands;

/// <summary><c>mbc test</c>: top-1, per-class accuracy and confusion matrix of a checkpoint on a test split.</summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var data = new DatasetOptions();
        var checkpoint = new Option<string>("--checkpoint") { Description = "The .pth to evaluate (arch read from its metadata; --arch for plain state dicts).", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Evaluate the first N test images only." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Batch size (default: the dataset's)." };
        var output = new Option<string>("--output") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        var command = new Command("test", "Evaluate a checkpoint on the test split: top-1, per-class accuracy, confusion matrix.") { checkpoint, limit, batchSize, output };
        model.AddTo(command);
        data.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            string path = parse.GetValue(checkpoint)!;
            DatasetConfig dataset = data.Resolve(parse, path);
            (nn.Module<Tensor, Tensor> network, ModelSpec spec, CheckpointMetadata metadata) = ArchCatalog.Load(path, model.Resolve(parse, dataset.NumClasses), model.Requested(parse));
            using (network)
            {
                DatasetFit.Check(spec, dataset, path);
                ImageDataset test = DatasetLoader.LoadTest(dataset, parse.GetValue(limit));
                BatchLoader loader = TrainingRun.CreateEvaluationLoader(dataset, test, spec.Input.Channels, spec.Input.Height,
                    spec.Input.Width, parse.GetValue(batchSize) ?? dataset.BatchSize);
                // Progress goes to standard error: standard output may be the JSON report.
                var progress = new TaskProgressView(StandardError.Create());
                EvaluationResult result = progress.Run($"test {test.Count} images, batch", report =>
                    Evaluator.Evaluate(network, loader, spec.NumClasses, progress: (done, total, loss, accuracy) =>
                        report(done, total, FormattableString.Invariant($"loss {loss:F3} acc {100 * accuracy:F1}%"))));
                if (metadata.QuantizationJson is { } json)
                {
                    // A quantized checkpoint: evaluate its int8 form too and report what quantization cost.
                    QuantizationRecord record = QuantizationRecord.Parse(json, path);
                    EvaluationResult float32 = result;
                    result = progress.Run($"int8 evaluation, image", report =>
                        QuantizedEvaluation.Evaluate(network, spec, record, new NhwcImages(test, dataset, spec, path), path,
                            done => report(done, test.Count, "")));
                    string mode = record.Type == QuantizationType.Static ? "int8 (reference interpreter)" : "dynamic int8";
                    Console.Error.WriteLine(FormattableString.Invariant(
                        $"float top-1 {100 * float32.Top1:F2}%, {mode} top-1 {100 * result.Top1:F2}%, drop {100 * (float32.Top1 - result.Top1):F2} points"));
                }
                if (parse.GetValue(output) == "json")
                {
                    Console.Out.WriteLine(EvaluationReport.ToJson(result, spec.Arch, path, dataset.Name, dataset.ClassNames));
                }
                else
                {
                    IAnsiConsole console = StandardOutput.Create();
                    console.MarkupLine(Markup.Escape($"{spec.Arch} on {dataset.Name} test ({result.Count} images): top-1 {100 * result.Top1:F2}%"));
                    new EvaluationView(console).Render(result, dataset.ClassNames);
                }
            }
            return 0;
        }));
        return command;
    }
}
