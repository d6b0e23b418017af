namespace MicroBackbone.Compiler.Profiling;

/// <summary>How <see cref="ModelProfiler.Profile"/> builds and runs the model.</summary>
/// <param name="Target">The board to count on.</param>
/// <param name="Optimization">gcc's optimization level without the dash: <c>O2</c> or <c>Os</c>.</param>
public sealed record ProfileOptions(ProfileTarget Target, string Optimization = "O2")
{
    /// <summary>The optimization levels <c>mbc profile --opt</c> takes.</summary>
    public static IReadOnlyList<string> OptimizationLevels { get; } = ["O2", "Os"];
}
