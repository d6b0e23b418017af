using System.CommandLine;
using System.Globalization;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Quantization;
using MicroBackbone.Cli.Rendering;
using Spectre.Console;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// <c>mbc quantize</c>: writes a copy of a float checkpoint whose metadata holds its int8 quantization (static: the
/// calibrated activation ranges; dynamic: the mode), so that later steps need no calibration data.
/// </summary>
internal static class QuantizeCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input-model") { Description = "The float .pth to quantize (never modified).", Required = true };
        var output = new Option<string>("--output-model") { Description = "Where to write the quantized .pth.", Required = true };
        var type = new Option<string>("--quantization-type") { Description = "static (calibrated int8 activations) or dynamic (int8 weights, activations quantized on the fly).", DefaultValueFactory = _ => "static" };
        type.AcceptOnlyFromAmong("static", "dynamic");
        var batchSize = new Option<int?>("--batch-size")
        {
            Description = "Calibration batch size (the original project's flag): the ranges cover every calibration image whatever the batch, so it changes no result.",
        };
        batchSize.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--batch-size must be at least 1");
            }
        });
        var model = new ModelOptions();
        var data = new DatasetOptions();
        var calibration = new CalibrationOptions();
        var logLevel = new LogLevelOption();
        var command = new Command("quantize", "Quantize a checkpoint to int8 (static with calibration, or dynamic).") { input, output, type, batchSize };
        calibration.AddTo(command);
        logLevel.AddTo(command);
        model.AddTo(command);
        data.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            if (parse.GetValue(type) == "dynamic")
            {
                UnusedFlags.Refuse(parse, "dynamic quantization does not calibrate (activations are quantized per inference); drop it or use --quantization-type static",
                    calibration.Folder, calibration.Samples, calibration.Observer, batchSize);
            }
            string source = parse.GetValue(input)!;
            string target = parse.GetValue(output)!;
            DatasetConfig dataset = data.Resolve(parse, source);
            var job = new QuantizationJob(source, target,
                parse.GetValue(type) == "static" ? QuantizationType.Static : QuantizationType.Dynamic, calibration.ObserverKind(parse))
            {
                RequestedInput = model.Requested(parse),
            };
            (ModelSpec spec, QuantizationRecord record) = job.Run(model.Resolve(parse, dataset.NumClasses), s =>
            {
                DatasetFit.Check(s, dataset, source);
                return calibration.Load(parse, dataset, s);
            });
            if (parse.GetValue(batchSize) is int batch && record.Type == QuantizationType.Static)
            {
                // Accepted so the original's command line runs, and said out loud so that it is not silently ignored.
                Console.Error.WriteLine(FormattableString.Invariant(
                    $"--batch-size {batch}: calibration observes each of the {record.Samples} images one at a time through the float reference interpreter; the ranges (over all of them) are the same for any batch size"));
            }
            LogLevel level = logLevel.Resolve(parse);
            if (level == LogLevel.Quiet)
            {
                return 0;
            }
            var table = new Table().Border(TableBorder.Rounded).AddColumns("", "");
            table.AddRow("model", Markup.Escape($"{spec.Arch} ({source})"));
            table.AddRow("quantization", record.Type == QuantizationType.Static
                ? $"static int8, {record.Observer} ranges from {record.Samples.ToString(CultureInfo.InvariantCulture)} images"
                : "dynamic: int8 weights, activations quantized per inference");
            table.AddRow("written", Markup.Escape(target));
            StandardOutput.Create().Write(table);
            if (level == LogLevel.Debug && record.RangesJson != null)
            {
                var ranges = new Table().Border(TableBorder.Rounded).AddColumns("tensor", "min", "max", "int8 scale", "zero point");
                foreach (TensorRange r in ActivationRanges.Parse(record.RangesJson, target).All)
                {
                    QuantizationParams q = QuantizationMath.ChooseActivationParams(r.Min, r.Max);
                    ranges.AddRow(Markup.Escape(r.TensorName), F(r.Min), F(r.Max), F(q.Scale), q.ZeroPoint.ToString(CultureInfo.InvariantCulture));
                }
                StandardOutput.Create().Write(ranges);
            }
            StandardOutput.Create().MarkupLine(Markup.Escape($"measure the accuracy cost: ./mbc test --checkpoint {target}"));
            return 0;
        }));
        return command;
    }

    private static string F(float value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
