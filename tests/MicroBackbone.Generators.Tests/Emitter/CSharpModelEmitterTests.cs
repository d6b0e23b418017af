using MicroBackbone.CSharpEmitter;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Ir;

namespace MicroBackbone.Generators.Tests.Emitter;

/// <summary>The emitter outside Roslyn: names from the model never reach code unescaped; bad class names are refused.</summary>
public class CSharpModelEmitterTests
{
    [Fact]
    public void Hostile_model_names_compile_and_round_trip()
    {
        var evil = "x\"; System.Environment.Exit(1); //\n*/ \u2028 é";
        var b = new IrGraphBuilder("model \"" + evil);
        var x = b.Input(evil, new[] { 1, 2, 2, 1 }, IrDataType.Int8, QuantParams.PerTensor(0.1f, 0));
        var w = TinyModels.Weights(b, new Random(5), evil, new[] { 2, 1, 1, 1 }, axis: 0);
        var y = b.Conv2D(x, w, null, new Conv2DAttributes(), evil, QuantParams.PerTensor(0.2f, 1));
        var z = b.Conv2D(y, TinyModels.Weights(b, new Random(6), "class", new[] { 2, 1, 1, 2 }, axis: 0), null, new Conv2DAttributes(), "1st-layer",
            QuantParams.PerTensor(0.2f, 1));
        var graph = b.Output(z).ClassNames(evil, "\\").Metadata(evil, evil).Build();

        var source = CSharpModelEmitter.Emit(graph, "Consumer.Models", "Hostile");
        Assert.DoesNotContain("Exit(1); //\n", source);
        Assert.All(source, c => Assert.True(c == '\n' || (c >= ' ' && c <= '~'), $"non-ASCII or control character U+{(int)c:X4}"));
        var assembly = GeneratorHarness.Load(GeneratorHarness.Compilation(new[] { source }));
        var type = assembly.GetType("Consumer.Models.Hostile")!;
        Assert.Equal(new[] { evil, "\\" }, (IReadOnlyList<string>)type.GetProperty("ClassNames")!.GetValue(null)!);
    }

    [Theory]
    [InlineData("Consumer", "2Fast")]
    [InlineData("Consumer", "class")]
    [InlineData("Consumer", "Edge-Nano")]
    [InlineData("Consumer..Models", "EdgeNano")]
    public void Invalid_names_are_refused(string ns, string className)
    {
        var e = Assert.Throws<CSharpEmitException>(() => CSharpModelEmitter.Emit(TinyModels.EdgeNano(), ns, className));
        Assert.Contains("C# back end", e.Message);
    }

    [Fact]
    public void Global_namespace_is_allowed() =>
        Assert.DoesNotContain("namespace", CSharpModelEmitter.Emit(TinyModels.EdgeNano(), null, "EdgeNano").Split('\n').Skip(5).First());

    [Fact]
    public void Unsupported_operator_names_the_operator()
    {
        var b = new IrGraphBuilder("asymmetric");
        var x = b.Input("x", new[] { 1, 4, 4, 2 }, IrDataType.Int8, QuantParams.PerTensor(0.1f, 0));
        var w = b.ConstantInt8("w", new[] { 1, 3, 3, 4 }, new sbyte[36], QuantParams.PerChannel(new[] { 0.1f, 0.1f, 0.1f, 0.1f }, new[] { 1, 1, 1, 1 }, 3));
        b.Output(b.DepthwiseConv2D(x, w, null, new DepthwiseConv2DAttributes(DepthMultiplier: 2, Padding: Padding2D.Uniform(1)), "dw", QuantParams.PerTensor(0.1f, 0)));
        var e = Assert.Throws<CSharpEmitException>(() => CSharpModelEmitter.Emit(b.Build(), "C", "M"));
        Assert.Contains("operator #0 DepthwiseConv2D 'dw': weights", e.Message);
        Assert.Contains("must be symmetric (zero point 0)", e.Message);
    }
}
