using System.CommandLine;
using System.Globalization;
using MicroBackbone.Cli.Rendering;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Profiling;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using Spectre.Console;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// <c>mbc profile MODEL --target esp32c3</c>: counts, in an emulator, the instructions one inference of the generated
/// C retires on the target's ISA, per layer and in total, and prints them with milliseconds at a clock.
/// </summary>
internal static class ProfileCommand
{
    /// <summary>The seed of the default input (random int8 bytes), so runs without <c>--input</c> repeat exactly.</summary>
    public const int DefaultInputSeed = 18;

    public static Command Create()
    {
        var modelPath = new Argument<string>("model") { Description = "A quantized .pth, an int8 .mbir or .tflite (a float .pth is calibrated first)." };
        var target = new Option<string>("--target") { Description = "The board whose ISA to count on: esp32c3 (rv32imc) or esp8266 (Xtensa lx106).", DefaultValueFactory = _ => ProfileTarget.Esp32C3.Name };
        target.AcceptOnlyFromAmong([.. ProfileTarget.All.Select(t => t.Name)]);
        var opt = new Option<string>("--opt") { Description = "gcc optimization level of the build: O2 or Os.", DefaultValueFactory = _ => "O2" };
        opt.AcceptOnlyFromAmong([.. ProfileOptions.OptimizationLevels]);
        var clock = new Option<double>("--clock-mhz") { Description = "Clock for the milliseconds estimate (ESP32-C3: 160).", DefaultValueFactory = _ => 160 };
        var input = new Option<string?>("--input") { Description = "A raw file of exactly the model's int8 NHWC input bytes, or an image (PNG/JPEG); default: seeded random bytes." };
        var inputs = new ModelInputOptions();
        var command = new Command("profile", "Count the instructions one inference of the generated C takes on a microcontroller's ISA, per layer.")
        {
            modelPath, target, opt, clock, input,
        };
        inputs.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            double clockMhz = parse.GetValue(clock);
            if (!(clockMhz > 0))
            {
                throw new MicroBackboneException($"--clock-mhz must be positive, got {clockMhz.ToString(CultureInfo.InvariantCulture)}");
            }

            (LoadedModel loaded, DatasetConfig dataset, ModelSpec spec, Func<IReadOnlyList<float[]>> calibration) =
                inputs.Open(parse, parse.GetValue(modelPath)!);
            inputs.RefuseUnusedCalibration(parse, loaded);
            IrGraph graph = StaticQuantization.ToInt8(loaded, calibration, inputs.Calibration.ObserverKind(parse));
            IrGraph stripped = EdgeQuantization.Strip(graph);
            IrTensor inputTensor = stripped.Tensor(stripped.Inputs[0]);
            string inputName;
            sbyte[] x;
            if (parse.GetValue(input) is { } inputPath)
            {
                x = ModelInputBytes.Read(inputPath, inputTensor, dataset, spec);
                inputName = inputPath;
            }
            else
            {
                x = new sbyte[inputTensor.ElementCount];
                new Random(DefaultInputSeed).NextBytes((byte[])(Array)x);
                inputName = $"random int8 (seed {DefaultInputSeed})";
            }

            ProfileTarget profileTarget = ProfileTarget.Find(parse.GetValue(target)!);
            ModelProfile profile = ModelProfiler.Profile(graph, x, new ProfileOptions(profileTarget, parse.GetValue(opt)!));
            Render(profile, loaded, inputName, clockMhz);
            return 0;
        }));
        return command;
    }

    private static void Render(ModelProfile p, LoadedModel model, string inputName, double clockMhz)
    {
        IAnsiConsole console = StandardOutput.Create();
        string ms = $"ms @ {clockMhz.ToString("0.###", CultureInfo.InvariantCulture)} MHz";
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn("layer")
            .AddColumn("op")
            .AddColumn(new TableColumn("MACs").RightAligned())
            .AddColumn(new TableColumn("instructions").RightAligned())
            .AddColumn(new TableColumn("instr/MAC").RightAligned())
            .AddColumn(new TableColumn(ms).RightAligned());
        foreach (LayerProfile layer in p.Layers)
        {
            table.AddRow(
                layer.Index.ToString(CultureInfo.InvariantCulture), Markup.Escape(layer.Name), Markup.Escape(layer.Op),
                N(layer.Macs), N(layer.Instructions), PerMac(layer.InstructionsPerMac), Ms(layer.Instructions, clockMhz));
        }

        table.AddEmptyRow();
        table.AddRow("", "sum of layers", "", N(p.Macs), N(p.LayerInstructions), PerMac(Ratio(p.LayerInstructions, p.Macs)), Ms(p.LayerInstructions, clockMhz));
        table.AddRow("", "[bold]total (exact)[/]", "", N(p.Macs), $"[bold]{N(p.TotalInstructions)}[/]", PerMac(Ratio(p.TotalInstructions, p.Macs)),
            $"[bold]{Ms(p.TotalInstructions, clockMhz)}[/]");
        console.Write(table);

        string isa = p.Target.Isa;
        // Plain lines, not Spectre text, so they never wrap mid-sentence.
        Console.Out.Write(string.Join('\n',
            $"model: {model.Graph.Name} ({model.Source}); input: {inputName}",
            $"target: {p.Target.Description}; {p.Compiler}, {p.Optimization}",
            $"total (exact): {isa} instructions of one mb_model_invoke call, built without layer marks, the cost of a mark taken out",
            $"layers: from a -DMB_PROFILE build, the {N(p.MarkInstructions)} instructions of a layer mark taken out of each",
            "        (the first layer's figure includes copying the input in, the last one's copying the output out)",
            $"model.o ({isa} {p.Optimization}): .text {N(p.ModelSections.Text)} B, .rodata {N(p.ModelSections.Rodata)} B, .bss {N(p.ModelSections.Bss)} B"
                + (p.ModelSections.Data > 0 ? $", .data {N(p.ModelSections.Data)} B" : string.Empty),
            $"output: {string.Join(' ', p.Output)} (equal to the int8 reference interpreter)",
            "These are instructions retired, not cycles: no cache misses, flash wait states or pipeline stalls;",
            $"ms assume one instruction per cycle at {clockMhz.ToString("0.###", CultureInfo.InvariantCulture)} MHz.",
            string.Empty));
    }

    private static double? Ratio(long instructions, long macs) => macs > 0 ? (double)instructions / macs : null;

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string PerMac(double? value) => value is double v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static string Ms(long instructions, double clockMhz) =>
        ModelProfile.Milliseconds(instructions, clockMhz).ToString("0.000", CultureInfo.InvariantCulture);
}
