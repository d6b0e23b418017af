using System.Diagnostics;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Compiler.Tests.Fuzzing;

/// <summary>
/// CI's short bounded fuzzing run: each reader target of <c>tests/MicroBackbone.Fuzz</c> under afl-fuzz for a few
/// seconds from its seeds, through <c>tests/MicroBackbone.Fuzz/run</c> (the script of the long runs). Any crash, or a
/// hang that overruns again when replayed alone, fails the test with the saved input's path and, for a crash, the
/// exception it raises when replayed.
/// </summary>
public sealed class BoundedFuzzRunTests(FuzzRunFolder runs) : IClassFixture<FuzzRunFolder>
{
    /// <summary>Seconds of fuzzing per target: eight targets stay within two minutes, startup included.</summary>
    private const int SecondsPerTarget = 8;

    private static string FuzzProject => Path.Combine(RepoPaths.Root, "tests", "MicroBackbone.Fuzz");

    /// <summary>Every target with seeds (<c>corpora/&lt;target&gt;</c>), which is every target the fuzz project has.</summary>
    public static TheoryData<string> Targets
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string folder in Directory.GetDirectories(Path.Combine(FuzzProject, "corpora")).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder));
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void ReaderNeitherCrashesNorHangsInABoundedRun(string target)
    {
        DebianPackages.Require("afl-fuzz");
        // --timeout: a generous per-input limit, so that a busy machine is not mistaken for a hang.
        (int exit, string output) = Run(Path.Combine(FuzzProject, "run"),
            "--no-build", "--seconds", SecondsPerTarget.ToString(), "--timeout", "10000", "--out", runs.Path, target);
        Assert.True(exit == 0, $"tests/MicroBackbone.Fuzz/run exited {exit}:\n{output}");

        string[] row = File.ReadAllLines(Path.Combine(runs.Path, "summary.tsv"))
            .Select(line => line.Split('\t'))
            .Single(cells => cells[0] == target);
        long executions = long.Parse(row[1]);
        Assert.True(executions > 0, $"afl-fuzz ran no input:\n{output}");
        // Columns: target, executions, corpus paths, crashes, hangs, confirmed hangs (they overrun when replayed), ...
        Assert.True(row[3] == "0" && row[5] == "0", $"{row[3]} crashes, {row[5]} confirmed hangs:\n{output}");
    }

    private static (int Exit, string Output) Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, "timed out after 3 minutes\n" + stdout.Result + stderr.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
