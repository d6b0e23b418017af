using MicroBackbone.Ir;
using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Tests.Graph;

namespace MicroBackbone.Ir.Tests.Format;

public class MbirRoundTripTests
{
    public static TheoryData<string> Graphs => new() { "float", "quant", "quant-inplace" };

    private static IrGraph Sample(string which) => which switch
    {
        "float" => TestGraphs.FloatCnn(),
        "quant" => TestGraphs.QuantCnn(),
        _ => InPlaceMarking.Run(TestGraphs.QuantCnn()),
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public void WriteReadWriteIsIdentical(string which)
    {
        var graph = Sample(which);
        var text = MbirWriter.Write(graph);
        var read = MbirReader.Read(text, "model.mbir");
        Assert.Equal(graph, read);
        Assert.Equal(text, MbirWriter.Write(read));
        GraphValidator.Validate(read);
    }

    [Fact]
    public void StreamsCarryUtf8WithoutBom()
    {
        var graph = TestGraphs.QuantCnn();
        using var stream = new MemoryStream();
        MbirWriter.Write(graph, stream);
        Assert.Equal((byte)'{', stream.ToArray()[0]);
        stream.Position = 0;
        Assert.Equal(graph, MbirReader.Read(stream, "mem.mbir"));
    }

    [Fact]
    public void WritingTwiceGivesTheSameText()
    {
        Assert.Equal(MbirWriter.Write(TestGraphs.QuantCnn()), MbirWriter.Write(TestGraphs.QuantCnn()));
    }

    [Fact]
    public void EveryAttributeKindSurvives()
    {
        var b = new IrGraphBuilder("attrs");
        var x = b.Input("x", new[] { 1, 8, 8, 2 });
        var p = b.Op(IrOpKind.Pad, new[] { x }, new PadAttributes(new Padding2D(1, 2, 3, 4)));
        var m = b.Op(IrOpKind.MaxPool2D, new[] { p }, new Pool2DAttributes(2, 3, 2, 1, new Padding2D(0, 1, 0, 1), FusedActivation.Relu6));
        var a = b.Op(IrOpKind.AveragePool2D, new[] { m }, new Pool2DAttributes(2, 2, 1, 1));
        var w = b.ConstantFloat("w", new[] { 1, 3, 3, 4 }, TestGraphs.Floats(36, 9));
        var d = b.DepthwiseConv2D(a, w, null, new DepthwiseConv2DAttributes(1, 1, Padding2D.Uniform(2), 2, 2, 2, FusedActivation.Relu));
        var s = b.Shift(d, new[] { new ShiftOffset(-1, 2), new ShiftOffset(0, 0), new ShiftOffset(3, -4), new ShiftOffset(1, 1) });
        var h = b.Unary(IrOpKind.HardSwish, s);
        var sm = b.Op(IrOpKind.Softmax, new[] { h }, new SoftmaxAttributes(0.123456789f));
        var graph = b.Output(sm).Metadata("note", "caf\u00e9 \"quoted\"\n").Build();

        var text = MbirWriter.Write(graph);
        Assert.DoesNotContain("\r", text);
        Assert.Contains("\"format\": \"mbir\"", text);
        Assert.Equal(graph, MbirReader.Read(text, "attrs.mbir"));
    }

    [Fact]
    public void FloatsRoundTripExactly()
    {
        var scales = new[] { 1f / 3, 1e-9f, 123456.79f, float.Epsilon, 0.1f };
        var b = new IrGraphBuilder("scales");
        var x = b.Input("x", new[] { 1, 1, 1, 5 }, IrDataType.Int8, QuantParams.PerChannel(scales, new[] { 0, 1, -1, 127, -128 }, 3));
        var y = b.Unary(IrOpKind.Relu, x, outputQuant: TestGraphs.Q);
        var graph = b.Output(y).Build();
        var read = MbirReader.Read(MbirWriter.Write(graph), "s.mbir");
        Assert.Equal(scales, read.Tensor(x).Quant!.Scales.ToArray());
    }
}
