using System.Reflection;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>Where the oracle cases live, and every case the <see cref="IOracleCaseSource"/>s in this assembly build.</summary>
internal static class OracleCaseFiles
{
    public static string Folder { get; } =
        Path.Combine(RepoPaths.Root, "tests", "MicroBackbone.Compiler.Tests", "BackEnds", "Tflite", "Oracle", "cases");

    public static string Model(string name) => Path.Combine(Folder, name + ".tflite");

    public static string Golden(string name) => Path.Combine(Folder, name + ".golden.txt");

    /// <summary>Names of the checked-in cases that have a golden file, sorted.</summary>
    public static IEnumerable<string> WithGolden() =>
        Directory.EnumerateFiles(Folder, "*.golden.txt")
            .Select(p => Path.GetFileName(p)[..^".golden.txt".Length])
            .Order(StringComparer.Ordinal);

    public static IReadOnlyList<(string Name, byte[] Model)> Built() =>
        typeof(OracleCaseFiles).Assembly.GetTypes()
            .Where(t => typeof(IOracleCaseSource).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => ((IOracleCaseSource)Activator.CreateInstance(t)!).Cases())
            .ToList();
}
