using System.CommandLine;
using MicroBackbone.Cli.Rendering;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;
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
            DatasetConfig dataset = data.Resolve(parse);
            string path = parse.GetValue(checkpoint)!;
            (nn.Module<Tensor, Tensor> network, ModelSpec spec, _) = ArchCatalog.Load(path, model.Resolve(parse, dataset.NumClasses));
            using (network)
            {
                ImageDataset test = DatasetLoader.LoadTest(dataset, parse.GetValue(limit));
                BatchLoader loader = TrainingRun.CreateEvaluationLoader(dataset, test, spec.Input.Channels, spec.Input.Height,
                    spec.Input.Width, parse.GetValue(batchSize) ?? dataset.BatchSize);
                EvaluationResult result = Evaluator.Evaluate(network, loader, spec.NumClasses);
                if (parse.GetValue(output) == "json")
                {
                    Console.Out.WriteLine(EvaluationReport.ToJson(result, spec.Arch, path, dataset.Name, dataset.ClassNames));
                }
                else
                {
                    AnsiConsole.MarkupLine(Markup.Escape($"{spec.Arch} on {dataset.Name} test ({result.Count} images): top-1 {100 * result.Top1:F2}%"));
                    new EvaluationView(AnsiConsole.Console).Render(result, dataset.ClassNames);
                }
            }
            return 0;
        }));
        return command;
    }
}
