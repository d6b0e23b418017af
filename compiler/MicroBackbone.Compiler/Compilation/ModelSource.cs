using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Format;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Compilation;

/// <summary>
/// Opens what <c>mbc compile</c>, <c>run</c> and <c>export</c> accept: a PyTorch checkpoint (ours, with metadata, or a
/// plain state dict plus <c>--arch</c>), a <c>.mbir</c> IR file, or a <c>.tflite</c> flatbuffer, and lowers it to IR.
/// </summary>
public static class ModelSource
{
    /// <summary>The file extensions read as something other than a PyTorch checkpoint.</summary>
    public static readonly IReadOnlyList<string> IrExtensions = [".mbir", ".tflite"];

    /// <summary>
    /// Loads <paramref name="path"/>. <paramref name="fallback"/> supplies arch, input and classes for state dicts that
    /// carry no metadata; <paramref name="classNames"/> are recorded in the IR when the file has none;
    /// <paramref name="requested"/> rebuilds a checkpoint's model for another input size (see <see cref="ArchCatalog.Load"/>).
    /// </summary>
    public static LoadedModel Load(string path, ModelSpec fallback, IReadOnlyList<string>? classNames = null, InputRequest? requested = null)
    {
        IO.InputFile.Require(path, "model file");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (requested is { } r && IrExtensions.Contains(extension))
        {
            throw new Config.ConfigException(
                $"--input-size/--input-channels: {path} is a compiled graph whose input shape is fixed; expected no input flags (export the checkpoint at the size you want)");
        }
        if (extension == ".mbir")
        {
            using FileStream stream = IO.InputFile.OpenRead(path, "model file");
            return new LoadedModel(path, MbirReader.Read(stream, path), null, null);
        }
        if (extension == ".tflite")
        {
            return new LoadedModel(path, BackEnds.Tflite.TfliteImporter.Import(IO.InputFile.ReadAllBytes(path, "model file"), path), null, null);
        }
        (nn.Module<Tensor, Tensor> model, ModelSpec spec, Checkpoints.CheckpointMetadata metadata) = ArchCatalog.Load(path, fallback, requested);
        if (classNames is { Count: > 0 } && classNames.Count != spec.NumClasses)
        {
            model.Dispose();
            string noun = classNames.Count == 1 ? "name" : "names";
            throw new Checkpoints.CheckpointException(
                $"{path}: the model has {spec.NumClasses} outputs but the dataset's class_names has {classNames.Count} {noun}; "
                + $"expected {spec.NumClasses} (choose the dataset the model was trained on with --dataset or --dataset-config)");
        }
        using (model)
        {
            IrGraph graph = TorchSharpFrontEnd.Lower(model, spec, classNames);
            QuantizationRecord? record = metadata.QuantizationJson is { } json ? QuantizationRecord.Parse(json, path) : null;
            return new LoadedModel(path, graph, spec, record);
        }
    }
}
