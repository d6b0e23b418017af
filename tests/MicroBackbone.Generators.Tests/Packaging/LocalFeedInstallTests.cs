using System.Diagnostics;
using MicroBackbone.Generators.Tests.Support;

namespace MicroBackbone.Generators.Tests.Packaging;

/// <summary>
/// The packages as a user gets them: packs MicroBackbone.Generators and MicroBackbone.Runtime into a temporary
/// feed, installs both into a fresh app outside the repo (own nuget.config and packages folder, so neither the
/// repo's build props nor the user's package cache are involved), builds it with the SDK and runs it.
/// </summary>
public class LocalFeedInstallTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public void Packed_generator_and_runtime_build_and_run_a_fresh_app()
    {
        var repo = RepositoryRoot.Path;
        var root = Directory.CreateTempSubdirectory("mb-feed-test-").FullName;
        try
        {
            var feed = Path.Combine(root, "feed");
            // Incremental: the test build already built the generator and the runtime's net10.0 target.
            Dotnet(repo, "pack", "generators/MicroBackbone.Generators/MicroBackbone.Generators.csproj", "-c", Configuration, "-o", feed);
            Dotnet(repo, "pack", "runtime/MicroBackbone.Runtime/MicroBackbone.Runtime.csproj", "-c", Configuration, "-o", feed);
            Assert.True(File.Exists(Path.Combine(feed, "MicroBackbone.Generators.0.2.0.nupkg")));
            var runtimeVersion = Path.GetFileNameWithoutExtension(Directory.GetFiles(feed, "MicroBackbone.Runtime.*.nupkg").Single())
                .Substring("MicroBackbone.Runtime.".Length);

            File.WriteAllText(Path.Combine(root, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources><clear /><add key="local" value="{feed}" /></packageSources>
                  <config><add key="globalPackagesFolder" value="{Path.Combine(root, "packages")}" /></config>
                </configuration>
                """);
            var app = Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
            File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="MicroBackbone.Generators" Version="0.2.0" />
                    <PackageReference Include="MicroBackbone.Runtime" Version="{runtimeVersion}" />
                    <AdditionalFiles Include="edge_nano.mbir" />
                  </ItemGroup>
                </Project>
                """);
            foreach (var file in new[] { "edge_nano.mbir", "EdgeNano.cs", "Program.cs" })
            {
                File.Copy(Path.Combine(repo, "samples", "GeneratorConsumer", file), Path.Combine(app, file));
            }

            var output = Dotnet(app, "run", "-c", "Release");
            Assert.Contains("predicted 2 (speed \"50\"); 0 bytes allocated by 100 predictions", output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // A test run sets MSBuild variables for its own build; the child builds must not inherit them.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"dotnet {string.Join(' ', arguments)} timed out");
        var text = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{text}");
        return text;
    }
}
