namespace MicroBackbone.Compiler.Tests.Fuzzing;

/// <summary>
/// One output folder for every bounded fuzzing run of a test session: the instrumented build in it is made once and
/// reused by each target's run; removed at the end.
/// </summary>
public sealed class FuzzRunFolder : IDisposable
{
    private readonly TempFolder folder = new();

    public string Path => folder.Path;

    public void Dispose() => folder.Dispose();
}
