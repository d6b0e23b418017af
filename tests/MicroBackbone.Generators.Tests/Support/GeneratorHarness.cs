extern alias generator;

using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MicroBackbone.Generators.Tests.Support;

/// <summary>Runs the [MicroModel] generator in memory and compiles/loads its output.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> Framework = new(() =>
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == runtimeDir)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static MetadataReference RuntimeReference { get; } =
        MetadataReference.CreateFromFile(typeof(MicroBackbone.Runtime.Conv2D).Assembly.Location);

    public static CSharpCompilation Compilation(IEnumerable<string> sources, bool withRuntime = true)
    {
        var references = withRuntime ? Framework.Value.Add(RuntimeReference) : Framework.Value;
        return CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static GeneratorDriver Driver(params AdditionalText[] files) =>
        CSharpGeneratorDriver.Create(
            new[] { new generator::MicroBackbone.Generators.MicroModelGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; returns the run result and the compilation including the generated sources.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(string source, IEnumerable<AdditionalText> files, bool withRuntime = true)
    {
        var driver = Driver(files.ToArray()).RunGeneratorsAndUpdateCompilation(Compilation(new[] { source }, withRuntime), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>The generated model class source (not the attribute).</summary>
    public static string ModelSource(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(".MicroModel.g.cs", StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Emits <paramref name="compilation"/> and loads it into a collectible context; fails the test on errors.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        stream.Position = 0;
        return new AssemblyLoadContext("generated-model", isCollectible: true).LoadFromStream(stream);
    }
}
