namespace MicroBackbone.Compiler.Tests;

/// <summary>Locates the checkout the tests were built from.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir != null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "MicroBackbone.sln")))
            {
                return dir;
            }
        }
        throw new InvalidOperationException("MicroBackbone.sln not found above " + AppContext.BaseDirectory);
    }
}
