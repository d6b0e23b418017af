using System.Runtime.CompilerServices;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Edges;

/// <summary>
/// Several inputs and outputs and float32 edges (<see cref="MultiEdgeModels"/>; their TFLite Micro comparisons in all
/// back ends are oracle cases, <see cref="EdgeOracleCases"/>): import keeps the subgraph's input and output order and
/// declared types, export keeps them, and a model with mixed edges (float32 and int8 inputs and outputs), which only
/// the interpreter and <c>mbc run</c> take as declared, returns TFLite Micro's exact bytes.
/// </summary>
public class MultiEdgeTests
{
    internal const string MixedEdges = "mixed_edges";

    internal static string Folder { get; } = SourceFolder();

    internal static string MixedPath => Path.Combine(Folder, MixedEdges + ".tflite");

    internal static IrGraph Import(string oracleCase) =>
        TfliteImporter.Import(File.ReadAllBytes(OracleCaseFiles.Model(oracleCase)), oracleCase + ".tflite");

    internal static TflmGolden Golden(string oracleCase) => TflmGolden.Read(OracleCaseFiles.Golden(oracleCase));

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [Fact]
    public void Mixed_edge_file_is_what_the_builder_writes()
    {
        var bytes = TfliteWriter.Write(MultiEdgeModels.MixedEdges());
        if (!File.Exists(MixedPath))
        {
            File.WriteAllBytes(MixedPath, bytes);
            Assert.Fail($"{MixedPath} was missing and has been written; make its golden with the TFLite Micro runner");
        }

        Assert.Equal(bytes, File.ReadAllBytes(MixedPath));
    }

    [Fact]
    public void Import_keeps_the_subgraph_order_and_types_of_inputs_and_outputs()
    {
        var graph = Import("edges_two_in_two_out_int8");
        Assert.Equal(new[] { "x0", "x1" }, graph.Inputs.Select(id => graph.Tensor(id).Name));
        Assert.Equal(new[] { "prod", "sum" }, graph.Outputs.Select(id => graph.Tensor(id).Name));

        var mixed = TfliteImporter.Import(File.ReadAllBytes(MixedPath), MixedPath);
        Assert.Equal(new[] { IrDataType.Float32, IrDataType.Int8 }, mixed.Inputs.Select(id => mixed.Tensor(id).DataType));
        Assert.Equal(new[] { IrDataType.Float32, IrDataType.Int8 }, mixed.Outputs.Select(id => mixed.Tensor(id).DataType));
    }

    [Theory]
    [InlineData("edges_two_in_two_out_int8")]
    [InlineData("edges_two_in_two_out_float")]
    public void Export_and_reimport_keep_every_input_and_output_in_order(string name)
    {
        var graph = Import(name);
        var again = TfliteImporter.Import(TfliteExporter.Export(graph, new TfliteExportOptions(KeepFloatEdges: true)), "again.tflite");
        Assert.Equal(graph.Inputs.Select(id => graph.Tensor(id).Name), again.Inputs.Select(id => again.Tensor(id).Name));
        Assert.Equal(graph.Outputs.Select(id => graph.Tensor(id).Name), again.Outputs.Select(id => again.Tensor(id).Name));
        Assert.Equal(graph.Outputs.Select(id => graph.Tensor(id).DataType), again.Outputs.Select(id => again.Tensor(id).DataType));
        var golden = Golden(name);
        Assert.Equal(OracleBackEnds.Interpreter(graph, golden), OracleBackEnds.Interpreter(again, golden));
    }

    [Fact]
    public void Mixed_edges_run_as_declared_and_match_tflite_micro()
    {
        var graph = TfliteImporter.Import(File.ReadAllBytes(MixedPath), MixedPath);
        var golden = TflmGolden.Read(Path.Combine(Folder, MixedEdges + ".golden.txt"));
        Assert.Equal(new[] { "float32", "int8" }, golden.Inputs.Select(t => t.Type));
        Assert.Equal(new[] { "float32", "int8" }, golden.Outputs.Select(t => t.Type));
        Assert.Equal(20, golden.Cases.Count);
        var actual = OracleBackEnds.Interpreter(graph, golden);
        for (var c = 0; c < golden.Cases.Count; c++)
        {
            Assert.Equal(OracleBackEnds.Joined(golden.Cases[c].Outputs), actual[c]);
        }

        var interpreter = new Int8Interpreter(graph);
        Assert.Equal(IrDataType.Int8, interpreter.Inputs[0].DataType);
        var wrong = Assert.Throws<ReferenceInterpreterException>(() => interpreter.RunDeclared([new sbyte[4], new sbyte[4]]));
        Assert.Contains("input 0", wrong.Message);
        Assert.Contains("takes Float32 values, got SByte[]", wrong.Message);
    }
}
