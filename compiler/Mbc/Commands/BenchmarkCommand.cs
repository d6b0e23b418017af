using System.CommandLine;
using System.Globalization;
using MicroBackbone.Compiler.Evaluation;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Optimization;
using MicroBackbone.Compiler.Models.TorchVision;
using MicroBackbone.Compiler.Training;
using MicroBackbone.Cli.Rendering;
using Spectre.Console;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Cli.Commands;

/// <summary><c>mbc benchmark</c>: CPU latency (median, p90) and throughput of one model after warm-up.</summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Benchmark this checkpoint's model (default: a freshly built --arch)." };
        var runs = new Option<int>("--runs") { Description = "Timed forward passes.", DefaultValueFactory = _ => 200 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed forward passes first.", DefaultValueFactory = _ => 20 };
        var batchSize = new Option<int>("--batch-size") { Description = "Images per forward pass.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Torch threads (0: one per core).", DefaultValueFactory = _ => 1 };
        var pretrained = new Option<bool>("--pretrained") { Description = "Load local pretrained weights (TorchVision archs; --weights or $MBC_WEIGHTS)." };
        var weights = new Option<string?>("--weights") { Description = "A PyTorch .pth state dict to load (implies --pretrained)." };
        var reparam = new Option<bool>("--reparam-edge") { Description = "Benchmark the reparameterized (deploy) form of a MicroSign-Edge model." };
        var command = new Command("benchmark", "Measure CPU latency and throughput of a model.") { checkpoint, runs, warmup, batchSize, threads, pretrained, weights, reparam };
        model.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            if (parse.GetValue(checkpoint) is not null)
            {
                UnusedFlags.Refuse(parse, "--checkpoint supplies the weights; give one or the other", pretrained, weights);
            }
            ModelSpec spec = model.Resolve(parse);
            string? path = parse.GetValue(checkpoint);
            nn.Module<Tensor, Tensor> network;
            if (path != null)
            {
                (network, spec, _) = ArchCatalog.Load(path, spec, model.Requested(parse));
            }
            else
            {
                network = ArchCatalog.Create(spec);
                // --weights alone means the user wants those weights: it implies --pretrained rather than being ignored.
                if (parse.GetValue(pretrained) || parse.GetValue(weights) is not null)
                {
                    PretrainedWeights.Load(network, spec.Arch, PretrainedWeights.ResolvePath(spec.Arch, parse.GetValue(weights)));
                }
            }
            long[] input = { spec.Input.Channels, spec.Input.Height, spec.Input.Width };
            // Reparameterization keeps every multiply-accumulate that matters (the merged branches share one
            // depthwise kernel), so MACs are counted on the trained form, which the analytic summary describes.
            long macs = MacCounter.Count(network, input);
            string label = spec.Arch;
            if (parse.GetValue(reparam))
            {
                if (network is not MicroSignEdge edge)
                {
                    network.Dispose();
                    throw new Compiler.Config.ConfigException(
                        $"--reparam-edge: applies to the MicroSign-Edge variants; '{spec.Arch}' is not one");
                }
                network = Reparameterizer.Reparameterize(edge);
                edge.Dispose();
                label += " (deploy)";
            }
            Trainer.Seed(0, parse.GetValue(threads));
            using (network)
            {
                LatencyResult r = LatencyBenchmark.Measure(network, input, parse.GetValue(batchSize), parse.GetValue(runs), parse.GetValue(warmup));
                var table = new Table().Border(TableBorder.Rounded).AddColumns("model", "input", "params", "MACs", "batch", "median ms", "p90 ms", "img/s");
                table.AddRow(Markup.Escape(label), $"{input[0]}x{input[1]}x{input[2]}", N(MacCounter.Parameters(network)), N(macs),
                    N(r.BatchSize), F(r.MedianMs, "F3"), F(r.P90Ms, "F3"), F(r.ImagesPerSecond, "F0"));
                StandardOutput.Create(160).Write(table);
            }
            return 0;
        }));
        return command;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
