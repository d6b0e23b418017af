using System.Text.RegularExpressions;
using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Ir;
using Microsoft.ML.OnnxRuntime;

namespace MicroBackbone.Compiler.Tests.BackEnds.Onnx;

public class OnnxExporterTests
{
    [Fact]
    public void ConvolutionsMatchTheInterpreter() => OnnxRuntimeRun.AssertMatchesInterpreter(OnnxTestGraphs.ConvolutionBlock());

    [Fact]
    public void SqueezeExciteActivationsAndBroadcastsMatchTheInterpreter() => OnnxRuntimeRun.AssertMatchesInterpreter(OnnxTestGraphs.SqueezeExcite());

    [Fact]
    public void ShiftPadAndPoolsMatchTheInterpreter() => OnnxRuntimeRun.AssertMatchesInterpreter(OnnxTestGraphs.ShiftAndPool());

    [Fact]
    public void HeadReshapesFullyConnectedAndSoftmaxMatchTheInterpreter() => OnnxRuntimeRun.AssertMatchesInterpreter(OnnxTestGraphs.Head());

    [Fact]
    public void ShiftIsExactIncludingZeroFill()
    {
        var b = new IrGraphBuilder("shift_only");
        var x = b.Input("x", new[] { 1, 3, 4, 3 });
        var y = b.Shift(x, new[] { new ShiftOffset(-1, 1), new ShiftOffset(2, -3), new ShiftOffset(0, 0) }, "shift");
        var graph = b.Output(y).Build();
        var input = Enumerable.Range(1, 36).Select(v => (float)v).ToArray();

        var expected = new MicroBackbone.Ir.Reference.FloatInterpreter(graph).Run(new[] { input })[0];
        var actual = OnnxRuntimeRun.Run(OnnxExporter.Export(graph), graph, new[] { input })[0];

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void BoundaryIsNchwWithSanitizedUniqueNames()
    {
        var b = new IrGraphBuilder("my model/v1");
        var x = b.Input("0.input image", new[] { 1, 6, 5, 3 });
        var r = b.Unary(IrOpKind.Relu, x, "block.act");
        var r2 = b.Unary(IrOpKind.Relu6, r, "block.act");
        var graph = b.Output(r2).Build();

        var model = OnnxExporter.Export(graph);
        using var session = new InferenceSession(model);

        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("_0_input_image", input.Key);
        Assert.Equal(new[] { 1, 3, 6, 5 }, input.Value.Dimensions);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("block_act_2", output.Key);
        Assert.Equal(new[] { 1, 3, 6, 5 }, output.Value.Dimensions);
        var parsed = global::Onnx.ModelProto.Parser.ParseFrom(model);
        Assert.Equal(17, Assert.Single(parsed.OpsetImport).Version);
        var identifier = new Regex("^[A-Za-z_][A-Za-z0-9_]*$");
        var names = parsed.Graph.Node.SelectMany(n => n.Input.Concat(n.Output).Append(n.Name)).Append(parsed.Graph.Name);
        Assert.All(names, n => Assert.Matches(identifier, n));
    }

    [Fact]
    public void WeightsAreTransposedToOnnxLayouts()
    {
        var graph = OnnxTestGraphs.ConvolutionBlock();
        var parsed = global::Onnx.ModelProto.Parser.ParseFrom(OnnxExporter.Export(graph));
        var dims = parsed.Graph.Initializer.ToDictionary(t => t.Name, t => t.Dims.ToArray());

        Assert.Equal(new long[] { 6, 3, 3, 3 }, dims["stem_weight"]);
        Assert.Equal(new long[] { 12, 1, 3, 3 }, dims["dw_weight"]);
        Assert.Equal(new long[] { 6, 4, 3, 3 }, dims["grouped_weight"]);
        Assert.Equal(new long[] { 5, 6, 1, 1 }, dims["pw_weight"]);
        var dw = parsed.Graph.Node.Single(n => n.Name == "dw");
        Assert.Equal(6, dw.Attribute.Single(a => a.Name == "group").I);
        Assert.Equal(3, parsed.Graph.Node.Single(n => n.Name == "grouped").Attribute.Single(a => a.Name == "group").I);
    }

    [Fact]
    public void SameGraphGivesTheSameBytes()
    {
        var first = OnnxExporter.Export(OnnxTestGraphs.Head());
        var second = OnnxExporter.Export(OnnxTestGraphs.Head());

        Assert.Equal(first, second);
        var parsed = global::Onnx.ModelProto.Parser.ParseFrom(first);
        Assert.Equal(new[] { "arch", "class_names" }, parsed.MetadataProps.Select(p => p.Key));
        Assert.Equal("[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]", parsed.MetadataProps[1].Value);
    }

    [Fact]
    public void ExportToFileWritesTheSameBytesAtomically()
    {
        var directory = Directory.CreateTempSubdirectory("mbc-onnx-");
        try
        {
            var path = Path.Combine(directory.FullName, "model.onnx");
            File.WriteAllText(path, "old");

            OnnxExporter.Export(OnnxTestGraphs.ShiftAndPool(), path);

            Assert.Equal(OnnxExporter.Export(OnnxTestGraphs.ShiftAndPool()), File.ReadAllBytes(path));
            Assert.Single(directory.GetFiles());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void QuantizeIsRejectedNamingTheOperatorAndTarget()
    {
        var b = new IrGraphBuilder("q");
        var x = b.Input("x", new[] { 1, 4 });
        var q = b.Unary(IrOpKind.Quantize, x, "to_int8", QuantParams.PerTensor(0.1f, 0), IrDataType.Int8);
        var d = b.Unary(IrOpKind.Dequantize, q, "back");
        var graph = b.Output(d).Build();

        var error = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(graph));

        Assert.Contains("operator #0 Quantize 'to_int8'", error.Message);
        Assert.Contains("target 'onnx'", error.Message);
    }

    [Fact]
    public void QuantizedOperatorsAndPoolPaddingAsLargeAsTheWindowAreRejected()
    {
        var q = QuantParams.PerTensor(0.1f, 0);
        var b = new IrGraphBuilder("int8");
        var x = b.Input("x", new[] { 1, 2, 2, 1 }, IrDataType.Int8, q);
        var graph = b.Output(b.Unary(IrOpKind.Relu, x, "relu")).Build();
        var int8 = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(graph));
        Assert.Contains("operator #0 Relu 'relu'", int8.Message);
        Assert.Contains("float32 graphs only", int8.Message);

        var p = new IrGraphBuilder("pool");
        var y = p.Input("x", new[] { 1, 4, 4, 1 });
        var pool = p.Op(IrOpKind.MaxPool2D, new[] { y }, new Pool2DAttributes(2, 2, 2, 2, new Padding2D(2, 0, 0, 0)), "pool");
        var padding = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(p.Output(pool).Build()));
        Assert.Contains("MaxPool2D 'pool'", padding.Message);
    }
}
