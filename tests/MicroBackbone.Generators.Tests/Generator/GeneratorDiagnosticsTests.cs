using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Format;
using Microsoft.CodeAnalysis;

namespace MicroBackbone.Generators.Tests.Generator;

/// <summary>One test per diagnostic id: the id, a message naming the problem, a location, and no model source.</summary>
public class GeneratorDiagnosticsTests
{
    private static readonly Lazy<string> ModelText = new(() => MbirWriter.Write(TinyModels.EdgeNano()));

    [Fact]
    public void MBC001_file_not_among_additional_files()
    {
        var d = Single(Consumer("missing.mbir"), new[] { File("/p/edge_nano.mbir") }, "MBC001");
        Assert.Contains("'missing.mbir'", d.GetMessage());
        Assert.Contains("AdditionalFiles", d.GetMessage());
        Assert.Equal("Source0.cs", d.Location.GetLineSpan().Path);
        Assert.Equal(4, d.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void MBC002_unsupported_version_quotes_the_reader()
    {
        var text = ModelText.Value.Replace("\"version\": 1", "\"version\": 99");
        var d = Single(Consumer("edge_nano.mbir"), new[] { File("/p/edge_nano.mbir", text) }, "MBC002");
        Assert.Contains("unsupported .mbir version 99", d.GetMessage());
        Assert.Contains("edge_nano.mbir: $.version", d.GetMessage());
    }

    [Fact]
    public void MBC002_corrupt_json_names_line_and_byte()
    {
        var d = Single(Consumer("edge_nano.mbir"), new[] { File("/p/edge_nano.mbir", ModelText.Value.Substring(0, 200)) }, "MBC002");
        Assert.Contains("corrupt or truncated JSON at line", d.GetMessage());
    }

    [Fact]
    public void MBC003_class_not_partial()
    {
        var source = Consumer("edge_nano.mbir").Replace("public partial class", "public class");
        var d = Single(source, new[] { File("/p/edge_nano.mbir") }, "MBC003");
        Assert.Contains("'Consumer.EdgeNano' must be declared partial", d.GetMessage());
    }

    [Fact]
    public void MBC004_float_graph_is_not_supported()
    {
        var b = new IrGraphBuilder("float_model");
        var x = b.Input("x", new[] { 1, 4, 4, 1 });
        var w = b.ConstantFloat("w", new[] { 1, 1, 1, 1 }, new[] { 0.5f });
        b.Output(b.Conv2D(x, w, null, new Conv2DAttributes(), "conv"));
        var d = Single(Consumer("float.mbir"), new[] { new InMemoryAdditionalText("/p/float.mbir", MbirWriter.Write(b.Build())) }, "MBC004");
        Assert.Contains("must be int8", d.GetMessage());
    }

    [Fact]
    public void MBC005_nested_class()
    {
        var source = """
            namespace Consumer;

            public partial class Outer
            {
                [MicroBackbone.MicroModel("edge_nano.mbir")]
                public partial class EdgeNano;
            }
            """;
        var d = Single(source, new[] { File("/p/edge_nano.mbir") }, "MBC005");
        Assert.Contains("nested", d.GetMessage());
    }

    [Fact]
    public void MBC005_generic_class()
    {
        var source = Consumer("edge_nano.mbir").Replace("class EdgeNano;", "class EdgeNano<T>;");
        var d = Single(source, new[] { File("/p/edge_nano.mbir") }, "MBC005");
        Assert.Contains("generic", d.GetMessage());
    }

    [Fact]
    public void MBC006_ambiguous_file_name_and_its_fix()
    {
        var files = new[] { File("/p/a/edge_nano.mbir"), File("/p/b/edge_nano.mbir") };
        var d = Single(Consumer("edge_nano.mbir"), files, "MBC006");
        Assert.Contains("/p/a/edge_nano.mbir, /p/b/edge_nano.mbir", d.GetMessage());
        var (result, _) = GeneratorHarness.Run(Consumer("b/edge_nano.mbir"), files);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void MBC007_runtime_not_referenced()
    {
        var d = Single(Consumer("edge_nano.mbir"), new[] { File("/p/edge_nano.mbir") }, "MBC007", withRuntime: false);
        Assert.Contains("MicroBackbone.Runtime", d.GetMessage());
    }

    [Fact]
    public void Null_file_name_reports_instead_of_throwing()
    {
        var source = Consumer("x").Replace("\"x\"", "null!");
        Single(source, new[] { File("/p/edge_nano.mbir") }, "MBC001");
    }

    private static Diagnostic Single(string source, AdditionalText[] files, string id, bool withRuntime = true)
    {
        var (result, output) = GeneratorHarness.Run(source, files, withRuntime);
        Assert.Null(result.Results.Single().Exception);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(id, d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.DoesNotContain(output.SyntaxTrees, t => t.FilePath.EndsWith(".MicroModel.g.cs", StringComparison.Ordinal));
        return d;
    }

    private static InMemoryAdditionalText File(string path, string? text = null) => new(path, text ?? ModelText.Value);

    private static string Consumer(string modelFile) => $$"""
        using MicroBackbone;

        namespace Consumer;

        [MicroModel("{{modelFile}}")]
        public partial class EdgeNano;
        """;
}
