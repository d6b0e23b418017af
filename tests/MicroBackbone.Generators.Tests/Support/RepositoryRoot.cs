namespace MicroBackbone.Generators.Tests.Support;

/// <summary>The checkout the tests run from: the folder holding MicroBackbone.sln above the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "MicroBackbone.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("no MicroBackbone.sln above " + AppContext.BaseDirectory);
    }
}
