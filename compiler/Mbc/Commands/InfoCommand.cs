using System.CommandLine;
using System.Globalization;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Evaluation;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Planning;
using MicroBackbone.Ir.Planning.Patching;
using MicroBackbone.Cli.Rendering;
using Spectre.Console;

namespace MicroBackbone.Cli.Commands;

/// <summary><c>mbc info</c>: per-stage widths, output sizes, parameters, MACs and peak int8 activations of a variant.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var arch = new Option<string?>("--arch") { Description = "Variant to describe (default: model.arch of the config)." };
        var inputSize = new InputSizeOption();
        var inputChannels = new Option<int?>("--input-channels") { Description = "Input channels (1 gray, 3 RGB)." };
        var numClasses = new Option<int?>("--num-classes") { Description = "Classifier outputs." };
        var config = new Option<string?>("--config") { Description = "Model config YAML (default: the shipped model.yaml)." };
        var fitBudget = new Option<bool>("--fit-budget")
        {
            Description = "Trim the widths to the variant's SRAM budget first (multiples of 8, never below 8).",
        };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Describe the model a checkpoint holds (its arch, input and config)." };
        var command = new Command("info", "Show a variant's stages, parameters, MACs and peak int8 activations.")
        {
            arch, inputSize.Option, inputChannels, numClasses, config, fitBudget, checkpoint,
        };
        command.SetAction(parse => UserErrors.Run(() =>
        {
            (int? size, int? channels) = inputSize.Read(parse, parse.GetValue(inputChannels));
            if (parse.GetValue(checkpoint) is string path)
            {
                UnusedFlags.Refuse(parse, "--checkpoint fixes the arch, its config and its classes; give one or the other", arch, config, numClasses);
                if (TorchVisionArchOf(path) is string other)
                {
                    UnusedFlags.Refuse(parse, "the TorchVision summary is of the checkpoint as stored; drop it", inputSize.Option, inputChannels);
                    RenderLowered(path, other);
                    return 0;
                }
            }
            EdgeArchitecture architecture = parse.GetValue(checkpoint) is string file
                ? EdgeArchitectureOf(file, size, channels)
                : EdgeArchitecture.FromConfig(ModelConfig.Load(parse.GetValue(config) ?? ModelConfig.DefaultPath),
                    parse.GetValue(config) ?? ModelConfig.DefaultPath, parse.GetValue(arch), size, channels, parse.GetValue(numClasses));
            if (parse.GetValue(fitBudget))
            {
                architecture = ChannelBudget.Fit(architecture);
            }
            Render(ModelSummary.Compute(architecture));
            IrGraph lowered = ArenaEstimate.Lower(architecture);
            RenderArena(ArenaEstimate.Plan(lowered));
            RenderPatches(ArenaEstimate.Patches(lowered));
            return 0;
        }));
        return command;
    }

    // A checkpoint of a TorchVision arch (with our metadata): described from its lowered IR instead of the edge summary.
    private static string? TorchVisionArchOf(string file)
    {
        using Checkpoint loaded = CheckpointFile.Load(file);
        CheckpointMetadata m = loaded.Metadata;
        if (!loaded.HasOwnMetadata || m.ConfigYaml.Length == 0)
        {
            return null;
        }
        ModelConfigText config = ModelConfigText.Parse(m.ConfigYaml, file + " (embedded config)");
        return ArchCatalog.IsEdge(config.Config, m.Arch) ? null : m.Arch;
    }

    private static void RenderLowered(string file, string arch)
    {
        LoadedModel model = ModelSource.Load(file, ArchCatalog.Resolve(ModelConfigText.Load(null), arch, null, null, null));
        GraphCost cost = GraphCost.Of(model.Graph);
        InputShape input = model.Spec!.Input;
        Console.Out.WriteLine(
            $"{arch}: input {input.Channels}x{input.Height}x{input.Width}, {model.Spec.NumClasses} classes; after BatchNorm folding "
            + $"{Count(cost.ConstantBytes / 4)} parameters, {Count(cost.Macs)} MACs, {Count(cost.Operators)} IR operators");
        RenderArena(ArenaEstimate.Plan(model.Graph));
        RenderPatches(ArenaEstimate.Patches(model.Graph));
    }

    // --input-size describes the same weights at another size (global pooling makes them fit); channels cannot change.
    private static EdgeArchitecture EdgeArchitectureOf(string file, int? size, int? channels)
    {
        using Checkpoint loaded = CheckpointFile.Load(file);
        CheckpointMetadata m = loaded.Metadata;
        if (!loaded.HasOwnMetadata || m.ConfigYaml.Length == 0)
        {
            throw new ConfigException($"{file}: a plain state dict carries no arch or config; use --arch and --config instead");
        }
        ModelConfigText config = ModelConfigText.Parse(m.ConfigYaml, file + " (embedded config)");
        if (!ArchCatalog.IsEdge(config.Config, m.Arch))
        {
            throw new ConfigException($"{file}: info describes MicroSign-Edge variants; this checkpoint holds '{m.Arch}' (try mbc compare)");
        }
        if (channels is int c && c != m.InputShape.Channels)
        {
            throw new ConfigException(
                $"--input-channels {c}: {file} holds a model for {m.InputShape.Channels}-channel input and its first convolution's weights fix that; expected {m.InputShape.Channels}");
        }
        return EdgeArchitecture.FromConfig(config.Config, config.Source, m.Arch, size ?? m.InputShape.Height, m.InputShape.Channels, m.NumClasses);
    }

    private static void Render(ModelSummary summary)
    {
        // Bound to Console.Out at call time (not AnsiConsole's cached writer) so redirection and tests see it.
        IAnsiConsole console = StandardOutput.Create(120);
        EdgeArchitecture a = summary.Architecture;
        console.MarkupLine(Markup.Escape(
            $"{a.Name}: input {a.InputChannels}x{a.InputSize}x{a.InputSize}, {a.NumClasses} classes, " +
            $"SRAM budget {Count(a.SramBudgetBytes)} bytes"));
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Section");
        foreach (string numeric in new[] { "Channels", "Blocks", "Output HxW", "Params", "MACs", "Peak int8 act. (B)" })
        {
            table.AddColumn(new TableColumn(numeric).RightAligned());
        }
        table.AddColumn("Budget");
        foreach (SectionSummary s in summary.Sections)
        {
            table.AddRow(
                Markup.Escape(s.Name),
                Count(s.Channels),
                s.Blocks == 0 ? "-" : Count(s.Blocks),
                $"{s.OutputSize}x{s.OutputSize}",
                Count(s.Parameters),
                Count(s.Macs),
                Count(s.PeakActivationBytes),
                s.OverBudget ? "[red]OVER[/]" : "[green]ok[/]");
        }
        bool over = summary.Sections.Any(s => s.OverBudget);
        table.AddRow(
            "[bold]total[/]", "", "", "",
            $"[bold]{Count(summary.TotalParameters)}[/]",
            $"[bold]{Count(summary.TotalMacs)}[/]",
            $"[bold]{Count(summary.PeakActivationBytes)}[/]",
            over ? "[red]OVER[/]" : "[green]ok[/]");
        console.Write(table);
        console.MarkupLine(Markup.Escape(
            $"Total: {Count(summary.TotalParameters)} parameters, {Count(summary.TotalMacs)} MACs, " +
            $"peak int8 activation {Count(summary.PeakActivationBytes)} of {Count(a.SramBudgetBytes)} bytes" +
            (over ? " (over budget; try --fit-budget)" : "")));
    }

    private static void RenderArena(MemoryPlan plan)
    {
        // The tensor-level liveness bound: no plan that keeps whole tensors can use less.
        double ratio = (double)plan.ArenaBytes / plan.LowerBoundBytes;
        Console.Out.WriteLine(
            $"Memory plan (int8, as compiled): arena {Count(plan.ArenaBytes)} bytes, liveness lower bound {Count(plan.LowerBoundBytes)}, "
            + $"naive sum {Count(plan.NaiveBytes)} ({ratio.ToString("F3", CultureInfo.InvariantCulture)}x the bound)");
    }

    private static void RenderPatches(PatchPlan plan)
    {
        string schedule = plan.Schedule is { } s
            ? $"{Count(plan.PeakBytes)} bytes running the first {s.SegmentLength} operators in {s.BandCount} row bands, "
                + $"+{Count(plan.ExtraMacs)} MACs recomputed ({(100.0 * plan.ExtraMacs / Math.Max(1, plan.Macs)).ToString("F1", CultureInfo.InvariantCulture)} %)"
            : "no patch schedule is smaller";
        Console.Out.WriteLine($"Patch-based early layers (mbc compile --memory-budget): arena {Count(plan.UnpatchedPeakBytes)} bytes without patches; {schedule}");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
