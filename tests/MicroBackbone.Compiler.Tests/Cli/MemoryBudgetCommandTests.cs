using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir.Format;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary><c>mbc compile --memory-budget</c>: a budget no schedule reaches, or a target without patches, is one error line.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class MemoryBudgetCommandTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_unreachable_budget_names_the_smallest_reachable_peak()
    {
        string model = _dir.File("patch_net.mbir");
        File.WriteAllText(model, MbirWriter.Write(CPatchTests.Net()));

        string line = OneErrorLine(["compile", model, "--target", "c", "--output-dir", _dir.File("c"), "--memory-budget", "100"]);

        Assert.Matches(@"^error: --memory-budget 100: model 'patch_net' cannot run in 100 bytes of RAM; the smallest peak reachable is [\d]+ bytes \(arena \+ scratch\) with patches, [\d]+ without$", line);
    }

    [Fact]
    public void A_budget_for_a_target_without_patches_is_refused()
    {
        string model = _dir.File("patch_net.mbir");
        File.WriteAllText(model, MbirWriter.Write(CPatchTests.Net()));

        string line = OneErrorLine(["compile", model, "--target", "tflite", "--output-dir", _dir.File("t"), "--memory-budget", "30000"]);

        Assert.Equal("error: --memory-budget: patch-based schedules are generated for --target c and esp32 only, not tflite", line);
    }

    private static string OneErrorLine(string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);
        Assert.True(exit == 1, $"exit {exit}\n{output}\n{error}");
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotContain("   at ", error);
        return line;
    }
}
