using System.CommandLine;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// The flags of the verbs that open a model file and may need to quantize it (<c>compile</c>, <c>run</c>, <c>profile</c>,
/// <c>export</c>): calibration, model description for plain state dicts, and the dataset (class names, calibration
/// images, normalisation).
/// </summary>
internal sealed class ModelInputOptions
{
    public ModelOptions Model { get; } = new();

    public DatasetOptions Data { get; } = new();

    public CalibrationOptions Calibration { get; } = new();

    public void AddTo(Command command)
    {
        Calibration.AddTo(command);
        Model.AddTo(command);
        Data.AddTo(command);
    }

    /// <summary>Refuses typed calibration flags when <paramref name="model"/> is int8 or quantized already (nothing is calibrated).</summary>
    public void RefuseUnusedCalibration(ParseResult parse, LoadedModel model)
    {
        if (model.IsInt8 || model.Quantization != null)
        {
            UnusedFlags.Refuse(parse, $"{model.Source} is quantized already, so nothing is calibrated; drop it",
                Calibration.Folder, Calibration.Samples, Calibration.Observer);
        }
    }

    /// <summary>Opens <paramref name="path"/>; the calibration images are read only if the returned function is called.</summary>
    public (LoadedModel Model, DatasetConfig Dataset, ModelSpec Spec, Func<IReadOnlyList<float[]>> Calibration) Open(ParseResult parse, string path)
    {
        DatasetConfig dataset = Data.Resolve(parse, path);
        ModelSpec fallback = Model.Resolve(parse, dataset.NumClasses);
        LoadedModel loaded = ModelSource.Load(path, fallback, dataset.ClassNames, Model.Requested(parse));
        ModelSpec spec = loaded.Spec ?? fallback;
        IReadOnlyList<float[]> Calibrate()
        {
            DatasetFit.Check(spec, dataset, path);
            return Calibration.Load(parse, dataset, spec);
        }

        return (loaded, dataset, spec, Calibrate);
    }
}
