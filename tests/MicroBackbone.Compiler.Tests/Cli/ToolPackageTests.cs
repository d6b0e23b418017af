using System.Diagnostics;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary>
/// `mbc` ships as a .NET tool: pack it into a local feed, install it into a temporary tool path, run it from there.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbc-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PacksInstallsFromALocalFeedAndRuns()
    {
        string feed = Path.Combine(_dir, "feed");
        string toolPath = Path.Combine(_dir, "tools");
        string project = Path.Combine(RepoPaths.Root, "compiler", "Mbc", "Mbc.csproj");

        Run("dotnet", $"pack \"{project}\" -c {RepoPaths.Configuration} --no-build -o \"{feed}\" -nologo -v q", _dir);
        Assert.Single(Directory.GetFiles(feed, "MicroBackbone.Mbc.*.nupkg"));

        Run("dotnet", $"tool install MicroBackbone.Mbc --tool-path \"{toolPath}\" --add-source \"{feed}\"", _dir);
        string help = Run(Path.Combine(toolPath, "mbc"), "--help", _dir);
        Assert.Contains("mbc", help);
        Assert.Contains("info", help);

        string info = Run(Path.Combine(toolPath, "mbc"), "info --arch edge_nano --input-size 32", _dir);
        Assert.Contains("edge_nano", info);
    }

    private static string Run(string file, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A fresh tool install must not pick up this repo's build settings.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} exited {process.ExitCode}:\n{stdout}\n{stderr.Result}");
        return stdout;
    }
}
