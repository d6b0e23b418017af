using System.Text;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// The TFLite target: the exported <c>.tflite</c> model plus a complete ESP-IDF project that runs it with TensorFlow
/// Lite Micro (<c>CMakeLists.txt</c>, <c>main/CMakeLists.txt</c>, <c>main/idf_component.yml</c> pulling
/// espressif/esp-tflite-micro, <c>main/esp32_main.cpp</c>, <c>main/model_data.h</c>).
/// </summary>
public static class TfliteBackEnd
{
    private static readonly string[] ProjectTemplates = { "CMakeLists.txt", "main/CMakeLists.txt", "main/idf_component.yml" };

    /// <summary>
    /// Writes the files under <paramref name="outputDir"/> (existing files are replaced atomically, others are left
    /// alone). The same graph and arguments always give byte-identical files.
    /// </summary>
    /// <param name="graph">The graph to export (int8 for a microcontroller; float32 works too).</param>
    /// <param name="outputDir">Target directory, created if needed.</param>
    /// <param name="options">Export options; full-integer by default.</param>
    /// <param name="sampleInput">int8 input embedded in the sketch, or null to feed the zero point.</param>
    public static TfliteEmitSummary Emit(IrGraph graph, string outputDir, TfliteExportOptions? options = null, sbyte[]? sampleInput = null)
    {
        var files = Render(graph, options, sampleInput, out var summary);
        foreach (var pair in files)
        {
            AtomicFile.WriteAllBytes(Path.Combine(outputDir, pair.Key.Replace('/', Path.DirectorySeparatorChar)), pair.Value);
        }

        return summary;
    }

    /// <summary>The files <see cref="Emit"/> would write (relative '/'-separated path to bytes), without touching disk.</summary>
    public static IReadOnlyDictionary<string, byte[]> Render(IrGraph graph, TfliteExportOptions? options, sbyte[]? sampleInput, out TfliteEmitSummary summary)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var model = TfliteExporter.Export(graph, options);
        var name = graph.Name;
        var sketch = TfliteMicroSketch.Build(graph, model, name, sampleInput);
        var modelFile = CIdentifiers.Identifier(name, "model") + ".tflite";
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            [modelFile] = model,
            ["main/model_data.h"] = Utf8(TfliteCArray.Render(model, name)),
            ["main/" + TfliteMicroSketch.FileName] = Utf8(TfliteMicroSketch.RenderTemplate("esp32-tflm/main/esp32_main.cpp.scriban", sketch)),
        };
        foreach (var path in ProjectTemplates)
        {
            files[path] = Utf8(TfliteMicroSketch.RenderTemplate($"esp32-tflm/{path}.scriban", sketch));
        }

        var tflite = TfliteReader.Read(model, modelFile);
        var (planned, margin, _) = TfliteMicroSketch.Arena(graph, tflite);
        summary = new TfliteEmitSummary(modelFile, model.Length, planned + margin, tflite.Subgraphs[0].Operators.Count, TfliteMicroSketch.ResolverCalls(tflite).Count, files.Keys.ToList());
        return files;
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);
}
