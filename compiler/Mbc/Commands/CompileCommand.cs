using System.CommandLine;
using System.Globalization;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Cli.Rendering;
using Spectre.Console;

namespace MicroBackbone.Cli.Commands;

/// <summary><c>mbc compile MODEL --target ...</c>: a checkpoint, <c>.mbir</c> or <c>.tflite</c> to C, ESP-IDF, IR, C#, TFLite or ONNX.</summary>
internal static class CompileCommand
{
    public static Command Create()
    {
        var modelPath = new Argument<string>("model") { Description = "A .pth checkpoint (float or quantized), a .mbir or a .tflite." };
        var target = new Option<string>("--target") { Description = "esp32, c, ir, csharp, tflite or onnx.", Required = true };
        target.AcceptOnlyFromAmong("esp32", "c", "ir", "csharp", "tflite", "onnx");
        var outputDir = new Option<string?>("--output-dir") { Description = "Folder to write into (default: outputs/<target>)." };
        var memoryBudget = new Option<long?>("--memory-budget")
        {
            Description = "Bytes of RAM (arena + scratch) the model must fit (c, esp32): the early layers run patch by patch when needed, with the fewest MACs that fit.",
        };
        var inputs = new ModelInputOptions();
        var command = new Command("compile", "Compile a model to static int8 C (esp32, c), IR, C#, TFLite or ONNX.") { modelPath, target, outputDir, memoryBudget };
        inputs.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            string targetName = parse.GetValue(target)!;
            CompileTarget kind = Enum.Parse<CompileTarget>(targetName, ignoreCase: true);
            (LoadedModel loaded, _, _, Func<IReadOnlyList<float[]>> calibration) = inputs.Open(parse, parse.GetValue(modelPath)!);
            string dir = parse.GetValue(outputDir) ?? Path.Combine("outputs", targetName);
            inputs.RefuseUnusedCalibration(parse, loaded);
            CompileSummary summary = ModelCompiler.Compile(
                loaded, kind, dir, calibration, inputs.Calibration.ObserverKind(parse), parse.GetValue(memoryBudget));
            Render(summary, loaded);
            return 0;
        }));
        return command;
    }

    private static void Render(CompileSummary s, LoadedModel model)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("", "");
        table.AddRow("model", Markup.Escape($"{model.Graph.Name} ({model.Source})"));
        table.AddRow("target", s.Target.ToString().ToLowerInvariant());
        table.AddRow("operators", N(s.Operators));
        table.AddRow("MACs", N(s.Macs));
        table.AddRow("weights (flash)", Bytes(s.WeightBytes));
        if (s.Code is { Measured: true } measured)
        {
            table.AddRow(Markup.Escape($"code ({measured.Basis})"), Bytes(measured.Bytes));
            table.AddRow("flash (weights + code)", Bytes(s.WeightBytes + measured.Bytes));
        }
        else if (s.Code is { } estimate)
        {
            table.AddRow("flash estimate", Markup.Escape(Bytes(s.WeightBytes + estimate.Bytes) + $" (weights + ~{N(estimate.Bytes)} B code, {estimate.Basis})"));
        }
        if (s.ArenaBytes is long arena)
        {
            table.AddRow("arena (RAM)", Bytes(arena));
        }
        if (s.Patches is { } patches)
        {
            table.AddRow("RAM without patches", Bytes(patches.UnpatchedPeakBytes));
            table.AddRow("patches", Markup.Escape(patches.Schedule is { } schedule
                ? $"first {schedule.SegmentLength} operators in {schedule.BandCount} row bands, +{N(patches.ExtraMacs)} MACs recomputed ({(100.0 * patches.ExtraMacs / patches.Macs).ToString("F1", CultureInfo.InvariantCulture)} %)"
                : "none needed"));
        }
        table.AddRow("output", Markup.Escape(s.OutputDir));
        table.AddRow("files", Markup.Escape(string.Join(", ", s.Files)));
        StandardOutput.Create().Write(table);
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long value) => N(value) + " B";
}
