using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.TorchScript;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Compilation;

/// <summary>
/// <c>mbc export</c>: every interchange artifact of one checkpoint, from one IR: <c>model.pth</c> (the checkpoint,
/// with its quantization when made), <c>model.onnx</c>, <c>model.tflite</c> (float32), <c>model.torchscript.pt</c>, and with quantization (asked for, or stored in the checkpoint) <c>model_int8.tflite</c> (int8 input and output) plus <c>model_data.h</c> for TFLite
/// Micro and <c>model_int8.onnx</c>, the int8 model in ONNX's QDQ form.
/// </summary>
public static class ModelExporter
{
    /// <summary>
    /// Writes the artifacts into <paramref name="outputDir"/> and returns each one, written or failed, in writing
    /// order. Each artifact is written on its own: one that cannot be expressed (an operator a format lacks) or whose
    /// quantization fails is reported with its reason and the others are still written.
    /// </summary>
    /// <param name="checkpointPath">The source checkpoint (read only).</param>
    /// <param name="model">It, loaded and lowered.</param>
    /// <param name="outputDir">Created if needed; each file is replaced atomically.</param>
    /// <param name="quantize">Also write the int8 artifacts (a quantized checkpoint always does).</param>
    /// <param name="calibration">Calibration images, asked for only when quantizing a float checkpoint.</param>
    /// <param name="observer">How calibration turns observed values into ranges.</param>
    public static IReadOnlyList<ExportedArtifact> Export(
        string checkpointPath, LoadedModel model, string outputDir, bool quantize, Func<IReadOnlyList<float[]>> calibration,
        Ir.Quantization.ObserverKind observer = Ir.Quantization.ObserverKind.MinMax)
    {
        if (model.IsInt8 || model.Spec == null)
        {
            throw new MicroBackboneException($"{checkpointPath}: export reads PyTorch checkpoints; use mbc compile for .mbir and .tflite files");
        }
        OutputFolder.Ensure(outputDir);
        var artifacts = new List<ExportedArtifact>();
        void Write(string file, Action<string> write)
        {
            string path = Path.Combine(outputDir, file);
            try
            {
                write(path);
                artifacts.Add(new ExportedArtifact(file, new FileInfo(path).Length, null));
            }
            catch (MicroBackboneException e)
            {
                artifacts.Add(new ExportedArtifact(file, null, e.Message));
            }
        }

        QuantizationRecord? record = model.Quantization;
        IrGraph? int8 = null;
        string? quantizationError = null;
        if (quantize || record is { Type: QuantizationType.Static })
        {
            try
            {
                record ??= StaticQuantization.Calibrate(model.Graph, calibration(), observer);
                int8 = StaticQuantization.Apply(model.Graph, record, checkpointPath);
            }
            catch (MicroBackboneException e)
            {
                quantizationError = "quantization failed: " + e.Message;
                record = model.Quantization;
            }
        }

        Write("model.pth", path => QuantizationJob.SaveCopy(checkpointPath, path, model.Spec, record));
        Write("model.onnx", path => OnnxExporter.Export(model.Graph, path));
        Write("model.tflite", path => AtomicFile.WriteAllBytes(path, TfliteExporter.Export(model.Graph)));
        Write("model.torchscript.pt", path => TorchScriptExporter.Export(model.Graph, path));
        if (quantizationError != null)
        {
            foreach (string file in Int8Files)
            {
                artifacts.Add(new ExportedArtifact(file, null, quantizationError));
            }
        }
        else if (int8 != null)
        {
            byte[]? flatbuffer = null;
            Write("model_int8.tflite", path =>
            {
                flatbuffer = TfliteExporter.Export(int8);
                AtomicFile.WriteAllBytes(path, flatbuffer);
            });
            if (flatbuffer is byte[] bytes)
            {
                Write("model_data.h", path => AtomicFile.WriteAllText(path, TfliteCArray.Render(bytes, ModelCompiler.FileBaseName(model.Graph.Name))));
            }
            else
            {
                artifacts.Add(new ExportedArtifact("model_data.h", null, "needs model_int8.tflite, which failed"));
            }
            Write("model_int8.onnx", path => OnnxQdqExporter.Export(int8, path));
        }
        return artifacts;
    }

    /// <summary>The artifacts written only with quantization, in writing order.</summary>
    private static readonly string[] Int8Files = ["model_int8.tflite", "model_data.h", "model_int8.onnx"];
}
