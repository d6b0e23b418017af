using System.CommandLine;
using System.Globalization;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Cli.Rendering;
using Spectre.Console;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// <c>mbc export</c>: the checkpoint as .pth, ONNX, TFLite (float, and int8 with --quantize or a quantized checkpoint)
/// and TorchScript, plus the int8 model in ONNX's QDQ form.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "The .pth to export (float or quantized).", Required = true };
        var outputDir = new Option<string>("--output-dir") { Description = "Folder for the artifacts.", DefaultValueFactory = _ => Path.Combine("outputs", "export") };
        var quantize = new Option<bool>("--quantize") { Description = "Also write model_int8.tflite, model_data.h and model_int8.onnx (calibrates; a quantized checkpoint writes them with its stored quantization anyway)." };
        var inputs = new ModelInputOptions();
        var command = new Command("export", "Export a checkpoint to .pth, ONNX, TFLite (float, and int8 with model_data.h), TorchScript and int8 ONNX (QDQ).") { checkpoint, outputDir, quantize };
        inputs.AddTo(command);
        command.SetAction(parse => UserErrors.Run(() =>
        {
            string path = parse.GetValue(checkpoint)!;
            (LoadedModel loaded, _, _, Func<IReadOnlyList<float[]>> calibration) = inputs.Open(parse, path);
            if (!parse.GetValue(quantize) || loaded.Quantization != null)
            {
                UnusedFlags.Refuse(parse, loaded.Quantization != null
                    ? $"{path} is quantized already, so nothing is calibrated; drop it"
                    : "calibration happens only with --quantize; add --quantize",
                    inputs.Calibration.Folder, inputs.Calibration.Samples, inputs.Calibration.Observer);
            }
            string dir = parse.GetValue(outputDir)!;
            var artifacts = ModelExporter.Export(path, loaded, dir, parse.GetValue(quantize), calibration, inputs.Calibration.ObserverKind(parse));
            var table = new Table().Border(TableBorder.Rounded).AddColumns("artifact", "bytes");
            foreach (ExportedArtifact artifact in artifacts)
            {
                table.AddRow(Markup.Escape(Path.Combine(dir, artifact.File)),
                    artifact.Bytes is long bytes ? bytes.ToString("N0", CultureInfo.InvariantCulture) : "[red]failed[/]");
            }
            StandardOutput.Create().Write(table);
            var failed = artifacts.Where(a => !a.Written).ToList();
            foreach (ExportedArtifact artifact in failed)
            {
                Console.Error.WriteLine($"error: {artifact.File} not written: {PrintableText.Of(artifact.Error!)}");
            }
            return failed.Count == 0 ? 0 : UserErrors.UserMistake;
        }));
        return command;
    }
}
