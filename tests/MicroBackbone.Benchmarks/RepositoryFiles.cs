namespace MicroBackbone.Benchmarks;

/// <summary>Finds files of the checkout the benchmark runs from, whatever folder BenchmarkDotNet starts it in.</summary>
internal static class RepositoryFiles
{
    /// <summary>The absolute path of <paramref name="relative"/> under the repository root.</summary>
    public static string Path(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "MicroBackbone.sln")))
            {
                return System.IO.Path.Combine(folder.FullName, relative);
            }
        }
        throw new FileNotFoundException($"no MicroBackbone.sln above {AppContext.BaseDirectory}; run from a checkout");
    }
}
