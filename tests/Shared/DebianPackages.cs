using System.Diagnostics.CodeAnalysis;

namespace MicroBackbone.Tests.Shared;

/// <summary>
/// The programs and files tests take from Debian packages, looked up in <c>.ci/debian-packages</c>: the one list that
/// <c>.ci/run</c> installs. A test asks for what it needs before it shells out, so a missing package fails with one
/// line naming it (not a loader error from deep inside), and a tool the list lacks fails on every machine, even on
/// one where someone installed it by hand.
/// </summary>
internal static class DebianPackages
{
    private static readonly Lazy<(string Path, IReadOnlyList<(string Package, string Provides)> Lines)> List = new(Load);

    /// <summary>
    /// Returns <paramref name="provides"/> (a program on PATH, resolved to its full path, or an absolute file or
    /// folder) and fails the test with the package to install when it is missing.
    /// </summary>
    public static string Require(string provides)
    {
        string package = PackageOf(provides);
        if (TryFind(provides, out string? found))
        {
            return found;
        }

        throw new Xunit.Sdk.XunitException(
            $"{provides} is missing: install the Debian package {package} (apt-get install {package}; .ci/run installs everything in {List.Value.Path})");
    }

    /// <summary>The package that provides <paramref name="provides"/>; throws when the list does not name it.</summary>
    public static string PackageOf(string provides)
    {
        foreach (var (package, what) in List.Value.Lines)
        {
            if (what == provides)
            {
                return package;
            }
        }

        throw new Xunit.Sdk.XunitException(
            $"{provides} is used by a test but not listed in {List.Value.Path}: add the Debian package that provides it there");
    }

    /// <summary>Every line of the list, in file order.</summary>
    public static IReadOnlyList<(string Package, string Provides)> Lines => List.Value.Lines;

    /// <summary>True when <paramref name="provides"/> is on this machine; <paramref name="found"/> is its full path.</summary>
    public static bool TryFind(string provides, [NotNullWhen(true)] out string? found)
    {
        found = null;
        if (Path.IsPathRooted(provides))
        {
            if (File.Exists(provides) || Directory.Exists(provides))
            {
                found = provides;
            }

            return found != null;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, provides);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                found = candidate;
                return true;
            }
        }

        return false;
    }

    private static (string, IReadOnlyList<(string, string)>) Load()
    {
        string dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "MicroBackbone.sln")))
        {
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("MicroBackbone.sln not found above the test binaries");
        }

        string path = Path.Combine(dir, ".ci", "debian-packages");
        var lines = new List<(string, string)>();
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 2)
            {
                throw new InvalidOperationException($"{path}: expected 'package  program-or-path', got '{line}'");
            }

            lines.Add((fields[0], fields[1]));
        }

        return (path, lines);
    }
}
