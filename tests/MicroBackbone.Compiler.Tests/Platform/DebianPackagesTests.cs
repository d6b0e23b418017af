using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Compiler.Tests.Platform;

/// <summary>
/// The one list of Debian packages (<c>.ci/debian-packages</c>) that <c>.ci/run</c> installs and the tests check for:
/// everything on it is on this machine after <c>.ci/run</c>, the README names every package, and a tool the list
/// lacks is refused on every machine.
/// </summary>
public class DebianPackagesTests
{
    [Fact]
    public void Everything_the_list_names_is_installed()
    {
        var missing = DebianPackages.Lines
            .Where(line => !DebianPackages.TryFind(line.Provides, out _))
            .Select(line => $"{line.Provides} (package {line.Package})")
            .ToList();
        Assert.True(missing.Count == 0, "missing: " + string.Join(", ", missing) + "; .ci/run installs them");
    }

    [Fact]
    public void Ci_run_installs_from_the_list()
    {
        string script = File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run"));
        Assert.Contains(".ci/debian-packages", script);
        Assert.Contains("apt-get install", script);
    }

    [Fact]
    public void Readme_names_every_package()
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        foreach (string package in DebianPackages.Lines.Select(line => line.Package).Distinct())
        {
            Assert.True(readme.Contains($"`{package}`", StringComparison.Ordinal), $"README does not name the package {package}");
        }
    }

    [Fact]
    public void A_tool_missing_from_the_list_fails_on_every_machine()
    {
        // /bin/sh exists everywhere, so only the list can refuse it.
        var e = Assert.ThrowsAny<Exception>(() => DebianPackages.Require("/bin/sh"));
        Assert.Contains("not listed in", e.Message);
        Assert.Contains(Path.Combine(".ci", "debian-packages"), e.Message);
    }

    [Fact]
    public void A_listed_tool_resolves_to_its_full_path()
    {
        string gcc = DebianPackages.Require("gcc");
        Assert.True(Path.IsPathRooted(gcc) && File.Exists(gcc), gcc);
        Assert.Equal("gcc", DebianPackages.PackageOf("gcc"));
    }
}
