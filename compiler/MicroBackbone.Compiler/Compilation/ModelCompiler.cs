using System.Text;
using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Compiler.Profiling;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.CSharpEmitter;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Planning;

using MicroBackbone.Ir.Planning.Patching;

namespace MicroBackbone.Compiler.Compilation;

/// <summary>
/// <c>mbc compile</c>: takes a loaded model to int8 when the target needs it (stored ranges or calibration) and hands
/// the IR to one back end. Every file is written atomically; the same model gives byte-identical files.
/// </summary>
public static class ModelCompiler
{
    /// <summary>
    /// The code estimate when no cross compiler is installed to measure it: the whole <c>model.o</c> <c>.text</c> of the
    /// edge variants measured 10.3-12.1 KB on rv32imc and 13.6-15.1 KB on Xtensa lx106 (<c>-Os</c> and <c>-O2</c>;
    /// README, "Cost of the generated C on the microcontrollers' own instruction sets"), so 16 KB bounds it.
    /// </summary>
    public const long CKernelCodeBytes = 16384;

    /// <summary>The longest graph name compiled: it becomes file and type names, and file names stop at 255 bytes.</summary>
    public const int MaxGraphNameLength = 128;

    /// <summary>Compiles <paramref name="model"/> for <paramref name="target"/> into <paramref name="outputDir"/>.</summary>
    /// <param name="model">The loaded model.</param>
    /// <param name="target">What to write.</param>
    /// <param name="outputDir">Created if needed; files already there with other names are left alone.</param>
    /// <param name="calibration">Calibration images (NHWC), asked for only when a float model needs int8.</param>
    /// <param name="observer">How calibration turns observed values into ranges.</param>
    /// <param name="memoryBudget">
    /// Bytes of RAM (arena + scratch) the C targets must fit: the early layers then run patch by patch when needed,
    /// with the fewest MACs that fit (<see cref="PatchPlanner"/>). Null: no patches.
    /// </param>
    public static CompileSummary Compile(
        LoadedModel model, CompileTarget target, string outputDir, Func<IReadOnlyList<float[]>> calibration,
        Ir.Quantization.ObserverKind observer = Ir.Quantization.ObserverKind.MinMax, long? memoryBudget = null)
    {
        if (memoryBudget is long budget && (budget <= 0 || target is not (CompileTarget.C or CompileTarget.Esp32)))
        {
            throw new MicroBackboneException(budget <= 0
                ? $"--memory-budget: expected a positive number of bytes, got {budget}"
                : $"--memory-budget: patch-based schedules are generated for --target c and esp32 only, not {target.ToString().ToLowerInvariant()}");
        }

        if (model.Graph.Name.Length > MaxGraphNameLength)
        {
            throw new MicroBackboneException(
                $"{model.Source}: the graph name has {model.Graph.Name.Length:N0} characters; at most {MaxGraphNameLength} are accepted (it names the generated files and types)");
        }
        OutputFolder.Ensure(outputDir);
        string baseName = FileBaseName(model.Graph.Name);
        if (target == CompileTarget.Onnx)
        {
            if (model.IsInt8 || model.Quantization is { Type: QuantizationType.Static })
            {
                // A quantized model becomes the same int8 model in ONNX's QDQ form, which ONNX Runtime runs with
                // its integer kernels.
                IrGraph quantized = StaticQuantization.ToInt8(model, calibration, observer);
                string qdq = baseName + "_int8.onnx";
                OnnxQdqExporter.Export(quantized, Path.Combine(outputDir, qdq));
                return Summary(target, outputDir, [qdq], quantized, arena: null, code: null);
            }
            string onnx = baseName + ".onnx";
            OnnxExporter.Export(model.Graph, Path.Combine(outputDir, onnx));
            return Summary(target, outputDir, [onnx], model.Graph, arena: null, code: null);
        }

        IrGraph int8 = StaticQuantization.ToInt8(model, calibration, observer);
        switch (target)
        {
            case CompileTarget.Esp32:
            case CompileTarget.C:
                {
                    CEmitSummary c = CBackEnd.Emit(int8, target == CompileTarget.C ? CTarget.C : CTarget.Esp32, outputDir,
                        new CEmitOptions(ProjectName: FileBaseName(model.Graph.Name), Patches: memoryBudget is long fits ? PatchPlanOptions.Default with { MemoryBudget = fits } : null));
                    string modelC = Path.Combine(outputDir, c.Files.Single(f => Path.GetFileName(f) == "model.c"));
                    CodeSize code = CrossCompiledCode.Measure(ProfileTarget.Esp32C3, modelC, CKernelCodeBytes);
                    return new CompileSummary(target, outputDir, c.Files, c.Operators, c.Macs, c.WeightBytes, c.ArenaBytes + c.ScratchBytes, code, c.Patches);
                }

            case CompileTarget.Ir:
                {
                    string file = baseName + ".mbir";
                    AtomicFile.WriteAllText(Path.Combine(outputDir, file), MbirWriter.Write(int8));
                    return Summary(target, outputDir, [file], int8, MemoryPlanner.Plan(int8).ArenaBytes, code: null);
                }

            case CompileTarget.CSharp:
                {
                    string className = ClassName(model.Graph.Name);
                    string file = className + ".cs";
                    string source = CSharpModelEmitter.Emit(int8, "MicroBackbone.Models", className, baseName + ".mbir");
                    AtomicFile.WriteAllText(Path.Combine(outputDir, file), source);
                    return Summary(target, outputDir, [file], int8, MemoryPlanner.Plan(int8).ArenaBytes, code: null);
                }

            case CompileTarget.Tflite:
                {
                    // The full-int8 flatbuffer inside a ready ESP-IDF TFLite Micro project: model_data.h and an app
                    // that registers exactly the model's operators with an arena sized by the planner.
                    TfliteEmitSummary tflite = TfliteBackEnd.Emit(int8, outputDir);
                    return Summary(target, outputDir, tflite.Files, int8, tflite.ArenaBytes, code: null);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "unknown compile target");
        }
    }

    /// <summary>A file name made of the graph name's letters, digits, '_' and '-' (others become '_').</summary>
    public static string FileBaseName(string graphName)
    {
        var name = new StringBuilder();
        foreach (char c in graphName)
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' ? c : '_');
        }
        return name.Length == 0 ? "model" : name.ToString();
    }

    /// <summary>The C# class name for a graph: <c>edge_nano</c> → <c>EdgeNano</c>; never empty, never a leading digit.</summary>
    public static string ClassName(string graphName)
    {
        var name = new StringBuilder();
        bool upper = true;
        foreach (char c in graphName)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            name.Insert(0, "Model");
        }
        return name.ToString();
    }

    private static CompileSummary Summary(CompileTarget target, string dir, IReadOnlyList<string> files, IrGraph graph, long? arena, CodeSize? code)
    {
        GraphCost cost = GraphCost.Of(graph);
        return new CompileSummary(target, dir, files, cost.Operators, cost.Macs, cost.ConstantBytes, arena, code);
    }
}
