namespace MicroBackbone.Compiler.Compilation;

/// <summary>What <see cref="ModelCompiler.Compile"/> wrote, for the summary table <c>mbc compile</c> prints.</summary>
/// <param name="Target">The target compiled for.</param>
/// <param name="OutputDir">The folder the files are in.</param>
/// <param name="Files">Written files relative to <paramref name="OutputDir"/>, '/'-separated, sorted.</param>
/// <param name="Operators">Operators of the compiled graph (kernel calls for C).</param>
/// <param name="Macs">Multiply-accumulates of one inference.</param>
/// <param name="WeightBytes">Bytes of constants (flash on a microcontroller).</param>
/// <param name="ArenaBytes">Bytes of the planned activation arena (RAM), or null for float targets.</param>
/// <param name="Code">Machine code beyond the weights (measured with a cross compiler when one is installed), or null when not applicable.</param>
/// <param name="Patches">The patch plan when <c>--memory-budget</c> was given (C targets), else null.</param>
public sealed record CompileSummary(
    CompileTarget Target,
    string OutputDir,
    IReadOnlyList<string> Files,
    int Operators,
    long Macs,
    long WeightBytes,
    long? ArenaBytes,
    CodeSize? Code,
    MicroBackbone.Ir.Planning.Patching.PatchPlan? Patches = null);
