using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// Writes the sources of a profile build into a folder: the generated C library (<c>model.h</c>, <c>model.c</c>,
/// <c>mb_kernels.h</c>, exactly what <c>mbc compile --target c</c> writes), <c>profile_main.c</c> with the input
/// embedded, and the board files of the target (<c>platform.h</c> and the board folder's <c>platform.c</c>,
/// <c>start.S</c>, <c>link.ld</c>).
/// </summary>
internal static class ProfileHarness
{
    /// <summary>The C sources a profile build compiles, in link order.</summary>
    public static IReadOnlyList<string> Sources { get; } = ["model.c", "profile_main.c", "platform.c", "start.S"];

    /// <summary>The linker script the board folder provides.</summary>
    public const string LinkerScript = "link.ld";

    private static readonly string[] LibraryFiles = ["model.h", "model.c", "mb_kernels.h"];

    private static readonly string[] BoardFiles = ["platform.c", "start.S", LinkerScript];

    /// <summary>Writes every file of the C model <paramref name="model"/> built from <paramref name="graph"/> into <paramref name="dir"/> (which must exist).</summary>
    /// <exception cref="CBackEndException">The C back end cannot emit the graph.</exception>
    public static void Write(IrGraph graph, CModel model, CLowering lowering, sbyte[] input, ProfileMarks marks, ProfileTarget target, string dir)
    {
        IReadOnlyDictionary<string, string> library = CBackEnd.Render(graph, CTarget.C, model, lowering, out _);
        foreach (string name in LibraryFiles)
        {
            File.WriteAllText(Path.Combine(dir, name), library[name]);
        }

        File.WriteAllText(Path.Combine(dir, "profile_main.c"),
            CTemplates.Render("profile/profile_main.c.scriban", "profile", new ProfileMainModel(input, marks)));
        File.WriteAllText(Path.Combine(dir, "platform.h"), CTemplates.Text("profile/platform.h"));
        foreach (string name in target.CountingPlugin is null ? BoardFiles : [.. BoardFiles, target.CountingPlugin])
        {
            File.WriteAllText(Path.Combine(dir, name), CTemplates.Text($"profile/{target.BoardFolder}/{name}"));
        }
    }
}
