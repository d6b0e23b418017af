using MicroBackbone.Compiler.Compilation;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// Measures the machine code of a generated <c>model.c</c> the way a microcontroller build would have it: one
/// <c>-O2</c> compile with a profile target's cross compiler, and the <c>.text</c> of the object.
/// </summary>
public static class CrossCompiledCode
{
    /// <summary>The optimization level of the measurement.</summary>
    public const string Optimization = "O2";

    /// <summary>
    /// The <c>.text</c> bytes of <paramref name="modelC"/> (its headers beside it) compiled for <paramref name="target"/>;
    /// <paramref name="estimatedBytes"/>, marked as an estimate that says why, when the cross compiler, its C library or
    /// <c>size</c> is not installed, or when the compile does not finish in time (a model with megabytes of weights on a
    /// busy machine): the measurement is optional, so the compile does not fail for it.
    /// </summary>
    /// <exception cref="Ir.MicroBackboneException">The compiler is there but fails on the file.</exception>
    public static CodeSize Measure(ProfileTarget target, string modelC, long estimatedBytes)
    {
        if (target.CompileTools.Any(t => ProfileToolchain.Find(t.Provides) is null))
        {
            return new CodeSize(estimatedBytes, Measured: false, $"estimate; {target.Compiler} would measure it");
        }

        var tools = new ProfileToolchain(target);
        string dir = Directory.CreateTempSubdirectory("mbc-code-").FullName;
        try
        {
            string source = Path.GetFullPath(modelC);
            tools.Run(target.Compiler,
                [.. target.CompileFlags, "-" + Optimization, "-I" + Path.GetDirectoryName(source), "-c", source, "-o", "model.o"], dir);
            SectionSizes sections = SectionSizes.Parse(tools.Run(target.SizeTool, ["-A", "model.o"], dir));
            return new CodeSize(sections.Text, Measured: true, $"{target.Isa} -{Optimization} .text of model.o");
        }
        catch (ProfileToolTimeoutException)
        {
            // A huge model.c (resnet18: 11 MB of constants) can outlast the tool timeout on a loaded machine; the
            // size is then an estimate, and it says why.
            return new CodeSize(estimatedBytes, Measured: false, $"estimate; {target.Compiler} timed out measuring it");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
