using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// The C back end: turns an int8 <see cref="IrGraph"/> into static, allocation-free C99 (one const parameter struct
/// and one kernel call per layer over a static arena) and, for <see cref="CTarget.Esp32"/>, a complete ESP-IDF project.
/// </summary>
public static class CBackEnd
{
    /// <summary>
    /// Writes the generated files under <paramref name="outputDir"/> (created if needed; existing files are replaced
    /// atomically, other files are left alone). The same graph and options always give byte-identical files.
    /// </summary>
    /// <exception cref="CBackEndException">The graph uses an operator, type or layout the C back end cannot emit.</exception>
    /// <exception cref="IrValidationException">The graph is not valid.</exception>
    public static CEmitSummary Emit(IrGraph graph, CTarget target, string outputDir, CEmitOptions? options = null)
    {
        var files = Render(graph, target, options ?? CEmitOptions.Default, out var summary);
        foreach (var pair in files)
        {
            AtomicFile.WriteAllText(Path.Combine(outputDir, pair.Key.Replace('/', Path.DirectorySeparatorChar)), pair.Value);
        }

        return summary;
    }

    /// <summary>The files <see cref="Emit"/> would write (relative '/'-separated path to text), without touching disk.</summary>
    public static IReadOnlyDictionary<string, string> Render(IrGraph graph, CTarget target, CEmitOptions options, out CEmitSummary summary)
    {
        var (model, lowering, _) = CModelBuilder.Build(graph, options);
        return Render(graph, target, model, lowering, out summary);
    }

    /// <summary>The files of a model <see cref="CModelBuilder.Build"/> already made (for callers that also need its layers).</summary>
    internal static IReadOnlyDictionary<string, string> Render(IrGraph graph, CTarget target, CModel model, CLowering lowering, out CEmitSummary summary)
    {
        var library = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["model.h"] = CTemplates.Render("c/model.h.scriban", model),
            ["model.c"] = CTemplates.Render("c/model.c.scriban", model),
            ["mb_kernels.h"] = CTemplates.Render("c/mb_kernels.h.scriban", model),
        };
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (target == CTarget.C)
        {
            foreach (var pair in library)
            {
                files[pair.Key] = pair.Value;
            }

            files["main.c"] = CTemplates.Render("c/main.c.scriban", model);
            files["Makefile"] = CTemplates.Render("c/Makefile.scriban", model);
        }
        else
        {
            if (!model.IsSingle)
            {
                throw new CBackEndException($"C back end: the ESP-IDF project runs a sample input through models with one input and one output; graph '{graph.Name}' has {model.Inputs.Count} inputs and {model.Outputs.Count} outputs (use --target c for its library)");
            }

            foreach (var pair in library)
            {
                files["components/mb_model/src/" + pair.Key] = pair.Value;
            }

            foreach (var path in new[]
            {
                "CMakeLists.txt", "main/CMakeLists.txt", "main/main.c", "components/mb_model/CMakeLists.txt",
                "components/mb_model/idf_component.yml", "components/mb_model/library.properties",
            })
            {
                files[path] = CTemplates.Render("esp-idf/" + path + ".scriban", model);
            }
        }

        summary = new CEmitSummary(graph.Name, lowering.Layers.Count, lowering.Macs, lowering.ConstantBytes, model.ArenaBytes, (2 * model.PatchElements) + model.RowBytes, model.Input.Size, model.Output.Size,
            lowering.Kernels, files.Keys.ToList(), model.Patches);
        return files;
    }
}
