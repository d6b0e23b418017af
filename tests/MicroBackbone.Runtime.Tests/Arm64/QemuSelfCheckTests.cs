using System.Diagnostics;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Runtime.Tests.Arm64;

/// <summary>
/// The Raspberry Pi's instruction sets on this x86 machine: publishes <c>MicroBackbone.Runtime.SelfCheck</c> for
/// linux-arm64 and runs it under qemu-aarch64 as a Cortex-A72 (Pi 4: AdvSimd, no dot product) and as qemu's "max" CPU
/// (with the Dp dot product, like the Pi 5's Cortex-A76). The scalar paths equal the IR reference (the other tests);
/// here every vector path of arm64 must write the same bytes as the scalar one, kernel by kernel and for the generated
/// edge_nano. Needs qemu-user and the arm64 C and C++ runtimes (libc6-arm64-cross, libstdc++6-arm64-cross): the
/// published app loads libstdc++; <c>.ci/run</c> installs them from <c>.ci/debian-packages</c>.
/// </summary>
public class QemuSelfCheckTests
{
    private static readonly Lazy<string> Published = new(Publish);

    [Theory]
    [InlineData("cortex-a72", false)]
    [InlineData("max", true)]
    public void Arm64VectorPathsWriteTheScalarBytes(string cpu, bool dotProduct)
    {
        string qemu = DebianPackages.Require("qemu-aarch64");
        DebianPackages.Require("/usr/aarch64-linux-gnu/lib/libc.so.6");
        DebianPackages.Require("/usr/aarch64-linux-gnu/lib/libstdc++.so.6");
        string[] lines = Run(qemu, ["-cpu", cpu, "-L", "/usr/aarch64-linux-gnu", Published.Value]);
        Assert.StartsWith("Arm64, AdvSimd: True, Dp: " + dotProduct, lines[0]);
        Assert.Matches(@"^\d{3,} checks, 0 different$", lines[^1]);
    }

    private static string Publish()
    {
        string repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "MicroBackbone.sln")))
        {
            repo = Path.GetDirectoryName(repo) ?? throw new InvalidOperationException("MicroBackbone.sln not found above the test binaries");
        }

        string output = Path.Combine(Path.GetTempPath(), "mb-selfcheck-arm64-" + Environment.ProcessId);
        string project = Path.Combine(repo, "tests", "MicroBackbone.Runtime.SelfCheck", "MicroBackbone.Runtime.SelfCheck.csproj");
        Run("dotnet", ["publish", project, "-c", "Release", "-r", "linux-arm64", "--self-contained", "-o", output, "-v", "quiet", "-nologo"]);
        return Path.Combine(output, "MicroBackbone.Runtime.SelfCheck");
    }

    private static string[] Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} did not start ({e.Message})", e);
        }

        using (process)
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{program} did not finish in 5 minutes");
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{stdout}\n{stderr.Result}");
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
