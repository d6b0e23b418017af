using System.Diagnostics;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>Runs gcc and the programs it builds for the C back end tests.</summary>
internal static class CToolchain
{
    public const string HostFlags = "-std=c99 -Wall -Wextra -Werror -pedantic";

    /// <summary>
    /// Runs a process; returns exit code, stdout and stderr. Fails the test on a 5-minute timeout. A bare program name is a
    /// tool from a Debian package and must be listed in <c>.ci/debian-packages</c>; a rooted path is a program the test built.
    /// </summary>
    public static (int Code, string Out, string Err) Run(string file, string arguments, string workingDirectory, byte[]? stdin = null)
    {
        if (!Path.IsPathRooted(file))
        {
            file = DebianPackages.Require(file);
        }

        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin != null,
            UseShellExecute = false,
        };
        start.Environment["ASAN_OPTIONS"] = "detect_leaks=0";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Generous: gcc -O1 with ASan/UBSan on resnet18's model.c (11 M constants) took 74 s on the 2 shared cores
        // while other engineers' builds ran; a hung tool still fails.
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {arguments} timed out");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a tool and fails the test with its output when it exits non-zero.</summary>
    public static string Check(string file, string arguments, string workingDirectory)
    {
        var (code, stdout, stderr) = Run(file, arguments, workingDirectory);
        Assert.True(code == 0, $"{file} {arguments} exited {code}:\n{stdout}\n{stderr}");
        return stdout;
    }

    /// <summary>A fresh empty folder under the system temp folder.</summary>
    public static string TempDir(string tag)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"mb-c-{tag}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
