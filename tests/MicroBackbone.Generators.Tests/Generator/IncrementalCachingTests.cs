extern alias generator;

using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Ir.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StepNames = generator::MicroBackbone.Generators.MicroModelGenerator.StepNames;

namespace MicroBackbone.Generators.Tests.Generator;

/// <summary>The pipeline caches: unrelated edits re-parse nothing and re-emit nothing.</summary>
public class IncrementalCachingTests
{
    private const string Consumer = """
        namespace Consumer;

        [MicroBackbone.MicroModel("edge_nano.mbir")]
        public partial class EdgeNano;
        """;

    [Fact]
    public void Unrelated_edit_leaves_every_step_cached()
    {
        var (driver, compilation, _) = FirstRun();
        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer; public class Other { }", GeneratorHarness.ParseOptions));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReasons(result, StepNames.ModelFiles, IncrementalStepRunReason.Cached);
        AssertReasons(result, StepNames.Targets, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, StepNames.Resolved, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertReasons(result, StepNames.Sources, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void Moving_the_class_changes_its_location_but_not_the_emitted_source()
    {
        var (driver, compilation, _) = FirstRun();
        var old = compilation.SyntaxTrees.Single();
        var moved = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText("\n\n" + Consumer, GeneratorHarness.ParseOptions, old.FilePath));
        var result = driver.RunGenerators(moved).GetRunResult().Results.Single();

        AssertReasons(result, StepNames.ModelFiles, IncrementalStepRunReason.Cached);
        AssertReasons(result, StepNames.Targets, IncrementalStepRunReason.Modified);
        AssertReasons(result, StepNames.Sources, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_the_model_file_reparses_it()
    {
        var (driver, compilation, file) = FirstRun();
        var text = MbirWriter.Write(TinyModels.EdgeNano()).Replace("\"edge_nano\"", "\"edge_nano_v2\"");
        driver = driver.ReplaceAdditionalText(file, new InMemoryAdditionalText("/p/edge_nano.mbir", text));
        var result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertReasons(result, StepNames.ModelFiles, IncrementalStepRunReason.Modified);
        AssertReasons(result, StepNames.Sources, IncrementalStepRunReason.Modified);
        Assert.Contains("\"edge_nano_v2\"", result.GeneratedSources.Single(s => s.HintName.EndsWith(".MicroModel.g.cs", StringComparison.Ordinal)).SourceText.ToString());
    }

    private static (GeneratorDriver Driver, Compilation Compilation, AdditionalText File) FirstRun()
    {
        var compilation = GeneratorHarness.Compilation(new[] { Consumer });
        var file = new InMemoryAdditionalText("/p/edge_nano.mbir", MbirWriter.Write(TinyModels.EdgeNano()));
        var driver = GeneratorHarness.Driver(file).RunGenerators(compilation);
        var first = driver.GetRunResult();
        Assert.Empty(first.Diagnostics);
        Assert.Contains(first.Results.Single().GeneratedSources, s => s.HintName == "Consumer.EdgeNano.MicroModel.g.cs");
        return (driver, compilation, file);
    }

    private static void AssertReasons(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }
}
