using System.Collections;
using System.Diagnostics;
using Microsoft.Build.Framework;

namespace MicroBackbone.Compiler.Tests.Platform;

/// <summary>The build task that lets TorchSharp's native library load on Debian 12 (build/GlibcxxVersionPatch.cs).</summary>
public sealed class GlibcxxVersionPatchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbc-glibcxx-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PatchesTheCopyOnlyWhenLibStdCxxLacksTheVersionAndIsIdempotent()
    {
        string original = OriginalLibrary();
        string copy = Path.Combine(_dir, "libLibTorchSharp.so");
        File.Copy(original, copy);
        Assert.Contains("GLIBCXX_3.4.32", RequiredVersions(copy));

        string newLibStdCxx = Path.Combine(_dir, "libstdc++-new.so");
        File.WriteAllText(newLibStdCxx, "GLIBCXX_3.4.30\0GLIBCXX_3.4.32\0");
        Assert.True(Run(copy, newLibStdCxx));
        Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(copy));

        string oldLibStdCxx = Path.Combine(_dir, "libstdc++-old.so");
        File.WriteAllText(oldLibStdCxx, "GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0");
        Assert.True(Run(copy, oldLibStdCxx));
        List<string> required = RequiredVersions(copy);
        Assert.DoesNotContain("GLIBCXX_3.4.32", required);
        Assert.Contains("GLIBCXX_3.4.30", required);
        byte[] once = File.ReadAllBytes(copy);

        Assert.True(Run(copy, oldLibStdCxx));
        Assert.Equal(once, File.ReadAllBytes(copy));
        Assert.Equal(new FileInfo(original).Length, once.Length);
    }

    private static bool Run(string library, string libStdCxx) =>
        new GlibcxxVersionPatch { Library = library, SystemLibStdCxx = libStdCxx, BuildEngine = new SilentBuildEngine() }.Execute();

    private static string OriginalLibrary()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), "TorchSharp's native library is expected in the NuGet cache at " + path);
        return path;
    }

    /// <summary>The version names the library requires, as binutils reads them.</summary>
    private static List<string> RequiredVersions(string library)
    {
        var start = new ProcessStartInfo("objdump", ["-p", library]) { RedirectStandardOutput = true };
        using Process process = Process.Start(start)!;
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        int section = text.IndexOf("Version References:", StringComparison.Ordinal);
        Assert.True(section >= 0, "objdump printed no version references");
        return text[section..].Split('\n')
            .Select(line => line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length == 4 && parts[0].StartsWith("0x", StringComparison.Ordinal))
            .Select(parts => parts[3])
            .ToList();
    }

    private sealed class SilentBuildEngine : IBuildEngine
    {
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "test";
        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => true;
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) => throw new InvalidOperationException(e.Message);
        public void LogMessageEvent(BuildMessageEventArgs e) { }
        public void LogWarningEvent(BuildWarningEventArgs e) => throw new InvalidOperationException(e.Message);
    }
}
