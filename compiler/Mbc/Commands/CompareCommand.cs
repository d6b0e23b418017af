using System.CommandLine;
using System.Globalization;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Evaluation;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Models.TorchVision;
using MicroBackbone.Compiler.Training;
using MicroBackbone.Cli.Rendering;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Cli.Commands;

/// <summary><c>mbc compare</c>: several models side by side; table, markdown, CSV and an accuracy/latency plot.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var data = new DatasetOptions();
        var checkpoints = new Option<string[]>("--checkpoints") { Description = "Checkpoints to compare.", AllowMultipleArgumentsPerToken = true };
        var models = new Option<string?>("--models") { Description = "Comma-separated archs to build fresh, e.g. resnet18,efficientnet_b0." };
        var all = new Option<bool>("--all") { Description = "Every arch: the edge variants and the TorchVision drop-ins." };
        var pretrained = new Option<bool>("--pretrained") { Description = "Load local pretrained weights for TorchVision archs ($MBC_WEIGHTS)." };
        var runs = new Option<int>("--runs") { Description = "Timed forward passes per model.", DefaultValueFactory = _ => 50 };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per timed forward pass.", DefaultValueFactory = _ => 1 };
        var limit = new Option<int?>("--limit-val") { Description = "Evaluate on the first N validation images only." };
        var device = new Option<string>("--device") { Description = "cpu (the only device here).", DefaultValueFactory = _ => "cpu" };
        device.AcceptOnlyFromAmong("cpu");
        var csv = new Option<string>("--csv") { Description = "Where the CSV goes.", DefaultValueFactory = _ => ComparisonReport.DefaultCsvPath };
        var command = new Command("compare", "Compare models: params, MACs, latency, throughput, file size and validation top-1.")
        {
            checkpoints, models, all, pretrained, runs, batchSize, limit, device, csv,
        };
        model.AddTo(command);
        data.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            string[] paths = parse.GetValue(checkpoints) ?? Array.Empty<string>();
            DatasetConfig dataset = SharedDataset(parse, data, paths);
            var candidates = new List<ComparisonCandidate>();
            ModelConfigText config = ModelConfigText.Load(parse.GetValue(model.Config));
            (int? size, int? channels) = model.InputSize.Read(parse, parse.GetValue(model.InputChannels));
            ModelSpec Spec(string? arch) => ArchCatalog.Resolve(config, arch, size,
                arch != null && !ArchCatalog.IsEdge(config.Config, arch) ? null : channels,
                parse.GetValue(model.NumClasses) ?? dataset.NumClasses);
            foreach (string path in paths)
            {
                // The model the checkpoint holds must read the dataset: checked before minutes of measuring.
                (nn.Module<Tensor, Tensor> network, ModelSpec held, _) = ArchCatalog.Load(path, Spec(null), model.Requested(parse));
                network.Dispose();
                DatasetFit.Check(held, dataset, path);
                candidates.Add(new ComparisonCandidate(Path.GetFileNameWithoutExtension(path), Spec(null), path, null, model.Requested(parse)));
            }
            IEnumerable<string> archs = parse.GetValue(all)
                ? ArchCatalog.Names(config.Config)
                : (parse.GetValue(models) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (string arch in archs)
            {
                string? weights = parse.GetValue(pretrained) && TorchVisionArchs.IsSupported(arch) ? PretrainedWeights.ResolvePath(arch, null) : null;
                DatasetFit.Check(Spec(arch), dataset, null);
                candidates.Add(new ComparisonCandidate(arch, Spec(arch), null, weights));
            }
            if (candidates.Count == 0)
            {
                throw new ConfigException("compare: nothing to compare; give --checkpoints, --models or --all");
            }
            Trainer.Seed(0, 1);
            var comparison = new ModelComparison(dataset, parse.GetValue(limit)) { Runs = parse.GetValue(runs), BatchSize = parse.GetValue(batchSize) };
            var rows = new List<ComparisonRow>();
            new TaskProgressView(StandardError.Create()).Run("models measured", report =>
            {
                foreach (ComparisonCandidate candidate in candidates)
                {
                    report(rows.Count, candidates.Count, candidate.Name);
                    rows.Add(comparison.Measure(candidate));
                }
                report(rows.Count, candidates.Count, "");
                return rows;
            });
            Render(rows);
            string csvPath = parse.GetValue(csv)!;
            ComparisonReport.WriteCsv(csvPath, rows);
            string plotPath = Path.ChangeExtension(csvPath, ".png");
            ComparisonPlot.Write(plotPath, rows);
            Console.Out.WriteLine();
            Console.Out.Write(ComparisonReport.ToMarkdown(rows));
            Console.Out.WriteLine();
            Console.Out.WriteLine($"saved {csvPath} and {plotPath}");
            return 0;
        }));
        return command;
    }

    // One dataset for every model: the flags' one, else the one the checkpoints record (they must agree).
    private static DatasetConfig SharedDataset(ParseResult parse, DatasetOptions data, string[] paths)
    {
        if (paths.Length == 0)
        {
            return data.Resolve(parse);
        }
        DatasetConfig first = data.Resolve(parse, paths[0]);
        foreach (string path in paths.Skip(1))
        {
            DatasetConfig other = data.Resolve(parse, path);
            if (other.Name != first.Name || Path.GetFullPath(other.Root) != Path.GetFullPath(first.Root))
            {
                throw new ConfigException(
                    $"compare: {paths[0]} was trained on dataset '{first.Name}' but {path} on '{other.Name}'; compare models of one dataset, or name one with --dataset-config/--dataset");
            }
        }
        return first;
    }

    private static void Render(IReadOnlyList<ComparisonRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "arch", "params", "MACs", "median ms", "p90 ms", "img/s", "file KB", "top-1");
        foreach (ComparisonRow r in rows)
        {
            table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Arch), N(r.Parameters), N(r.Macs), F(r.Latency.MedianMs, "F2"), F(r.Latency.P90Ms, "F2"),
                F(r.Latency.ImagesPerSecond, "F0"), r.FileBytes is long b ? F(b / 1024.0, "F1") : "-", F(100 * r.Top1, "F2") + "%");
        }
        StandardOutput.Create(160).Write(table);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
