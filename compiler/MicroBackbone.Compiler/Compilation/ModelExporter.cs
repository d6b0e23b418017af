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
    /// <summary>Writes the artifacts into <paramref name="outputDir"/> and returns (file, bytes) in writing order.</summary>
    /// <param name="checkpointPath">The source checkpoint (read only).</param>
    /// <param name="model">It, loaded and lowered.</param>
    /// <param name="outputDir">Created if needed; each file is replaced atomically.</param>
    /// <param name="quantize">Also write the int8 artifacts (a quantized checkpoint always does).</param>
    /// <param name="calibration">Calibration images, asked for only when quantizing a float checkpoint.</param>
    public static IReadOnlyList<(string File, long Bytes)> Export(
        string checkpointPath, LoadedModel model, string outputDir, bool quantize, Func<IReadOnlyList<float[]>> calibration)
    {
        if (model.IsInt8 || model.Spec == null)
        {
            throw new MicroBackboneException($"{checkpointPath}: export reads PyTorch checkpoints; use mbc compile for .mbir and .tflite files");
        }
        OutputFolder.Ensure(outputDir);
        var written = new List<(string, long)>();
        void Record(string file) => written.Add((file, new FileInfo(Path.Combine(outputDir, file)).Length));

        QuantizationRecord? record = model.Quantization;
        IrGraph? int8 = null;
        if (quantize || record is { Type: QuantizationType.Static })
        {
            record ??= StaticQuantization.Calibrate(model.Graph, calibration(), Ir.Quantization.ObserverKind.MinMax);
            int8 = StaticQuantization.Apply(model.Graph, record, checkpointPath);
        }

        QuantizationJob.SaveCopy(checkpointPath, Path.Combine(outputDir, "model.pth"), model.Spec, record);
        Record("model.pth");
        OnnxExporter.Export(model.Graph, Path.Combine(outputDir, "model.onnx"));
        Record("model.onnx");
        AtomicFile.WriteAllBytes(Path.Combine(outputDir, "model.tflite"), TfliteExporter.Export(model.Graph));
        Record("model.tflite");
        TorchScriptExporter.Export(model.Graph, Path.Combine(outputDir, "model.torchscript.pt"));
        Record("model.torchscript.pt");
        if (int8 != null)
        {
            byte[] flatbuffer = TfliteExporter.Export(int8);
            AtomicFile.WriteAllBytes(Path.Combine(outputDir, "model_int8.tflite"), flatbuffer);
            Record("model_int8.tflite");
            AtomicFile.WriteAllText(Path.Combine(outputDir, "model_data.h"), TfliteCArray.Render(flatbuffer, ModelCompiler.FileBaseName(model.Graph.Name)));
            Record("model_data.h");
            OnnxQdqExporter.Export(int8, Path.Combine(outputDir, "model_int8.onnx"));
            Record("model_int8.onnx");
        }
        return written;
    }
}
