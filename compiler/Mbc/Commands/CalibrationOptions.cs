using System.CommandLine;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir.Quantization;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// The flags that say where calibration images come from (<c>--calibration-data --calibration-samples --observer</c>),
/// shared by <c>quantize</c>, <c>compile</c> and <c>export</c>. Without a folder the dataset's train split is used.
/// </summary>
internal sealed class CalibrationOptions
{
    public Option<string?> Folder { get; } = new("--calibration-data") { Description = "Image folder to calibrate on (one sub-folder per class); default: the dataset's train split." };

    public Option<int> Samples { get; } = new("--calibration-samples") { Description = "Images to calibrate on.", DefaultValueFactory = _ => CalibrationImages.DefaultCount };

    public Option<string> Observer { get; } = new("--observer") { Description = "minmax or percentile (99.99%, ignores outliers).", DefaultValueFactory = _ => "minmax" };

    public CalibrationOptions()
    {
        Observer.AcceptOnlyFromAmong("minmax", "percentile");
        Samples.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--calibration-samples must be at least 1");
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Folder);
        command.Options.Add(Samples);
        command.Options.Add(Observer);
    }

    public ObserverKind ObserverKind(ParseResult parse) =>
        parse.GetValue(Observer) == "percentile" ? Ir.Quantization.ObserverKind.Percentile : Ir.Quantization.ObserverKind.MinMax;

    /// <summary>Reads the images (only when called: a quantized model never needs them).</summary>
    public IReadOnlyList<float[]> Load(ParseResult parse, DatasetConfig dataset, ModelSpec spec)
    {
        int count = parse.GetValue(Samples);
        string? folder = parse.GetValue(Folder);
        return folder != null
            ? CalibrationImages.FromFolder(folder, dataset, spec, count)
            : CalibrationImages.FromDataset(dataset, spec, count);
    }
}
