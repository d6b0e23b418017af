using System.Reflection;
using ApprovalTests;
using ApprovalTests.Reporters;
using MicroBackbone.CSharpEmitter;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Format;

namespace MicroBackbone.Generators.Tests.Generator;

/// <summary>
/// The generator on the tiny edge_nano model: snapshot of the generated class, and the compiled class run against
/// the int8 reference kernels (bit-identical outputs). The approved snapshot sits beside this file.
/// </summary>
[UseReporter(typeof(QuietReporter))]
public class GeneratedModelTests
{
    private const string Consumer = """
        using MicroBackbone;

        namespace Consumer;

        [MicroModel("edge_nano.mbir")]
        public partial class EdgeNano;
        """;

    private static readonly Lazy<IrGraph> Graph = new(TinyModels.EdgeNano);

    private static readonly Lazy<(string Source, Assembly Assembly)> Generated = new(() =>
    {
        var file = new InMemoryAdditionalText("/src/app/models/edge_nano.mbir", MbirWriter.Write(Graph.Value));
        var (result, output) = GeneratorHarness.Run(Consumer, new[] { file });
        Assert.Empty(result.Diagnostics);
        return (GeneratorHarness.ModelSource(result), GeneratorHarness.Load(output));
    });

    [Fact]
    public void Generated_source_matches_snapshot() => Approvals.VerifyWithExtension(Generated.Value.Source, ".cs");

    [Fact]
    public void Emitter_outside_roslyn_writes_the_same_class()
    {
        var text = CSharpModelEmitter.Emit(Graph.Value, "Consumer", "EdgeNano", "edge_nano.mbir");
        Assert.Equal(Generated.Value.Source, text);
    }

    [Fact]
    public void Invoke_is_bit_identical_to_the_int8_reference_kernels()
    {
        var model = Instance();
        var invoke = model.GetType().GetMethod("Invoke", new[] { typeof(ReadOnlySpan<sbyte>), typeof(Span<sbyte>) })!;
        var run = invoke.CreateDelegate<InvokeInt8>(model);
        for (var seed = 0; seed < 8; seed++)
        {
            var input = TinyModels.Input(seed, 192);
            var expected = Int8ReferenceRunner.Run(Graph.Value, input);
            var actual = new sbyte[4];
            run(input, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Every_lowered_operator_is_bit_identical_to_the_reference_kernels()
    {
        var graph = TinyModels.EveryOperator();
        var source = CSharpModelEmitter.Emit(graph, "Consumer", "EveryOperator");
        var type = GeneratorHarness.Load(GeneratorHarness.Compilation(new[] { source })).GetType("Consumer.EveryOperator")!;
        var run = type.GetMethod("Invoke", new[] { typeof(ReadOnlySpan<sbyte>), typeof(Span<sbyte>) })!
            .CreateDelegate<InvokeInt8>(Activator.CreateInstance(type)!);
        foreach (var kind in new[] { "Pad", "Shift", "MaxPool2D", "AveragePool2D", "LookupTable", "Mean", "RunChannelGate", "Mul.Run", "FullyConnected", "Softmax", "CopyTo" })
        {
            Assert.Contains(kind, source);
        }

        for (var seed = 0; seed < 8; seed++)
        {
            var input = TinyModels.Input(100 + seed, 144);
            var expected = Int8ReferenceRunner.Run(graph, input);
            var actual = new sbyte[5];
            run(input, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Float_entry_points_quantize_run_and_dequantize()
    {
        var model = Instance();
        var type = model.GetType();
        var invokeFloat = type.GetMethod("InvokeFloat", new[] { typeof(ReadOnlySpan<float>), typeof(Span<float>) })!.CreateDelegate<InvokeFloat>(model);
        var predict = type.GetMethod("Predict", new[] { typeof(ReadOnlySpan<float>) })!.CreateDelegate<PredictFloat>(model);
        var image = Enumerable.Range(0, 192).Select(i => (float)Math.Sin(i * 0.37) * 3f).ToArray();
        var quantized = image.Select(v => new Ir.Int8.QuantizationParams(0.05f, -3).Quantize(v)).ToArray();
        var expected = Int8ReferenceRunner.Run(Graph.Value, quantized);
        var logits = new float[4];
        invokeFloat(image, logits);
        Assert.Equal(expected.Select(q => new Ir.Int8.QuantizationParams(0.1f, 2).Dequantize(q)).ToArray(), logits);
        var best = Array.IndexOf(expected, expected.Max());
        Assert.Equal(best, predict(image));
    }

    [Fact]
    public void Static_members_describe_the_model()
    {
        var type = Generated.Value.Assembly.GetType("Consumer.EdgeNano")!;
        Assert.Equal(192, type.GetField("InputLength")!.GetValue(null));
        Assert.Equal(4, type.GetField("OutputLength")!.GetValue(null));
        Assert.True((int)type.GetField("ArenaBytes")!.GetValue(null)! > 0);
        var names = (IReadOnlyList<string>)type.GetProperty("ClassNames")!.GetValue(null)!;
        Assert.Equal(new[] { "stop", "yield", "speed \"50\"", "other" }, names);
        Assert.Same(names, type.GetProperty("ClassNames")!.GetValue(null));
    }

    private static object Instance() => Activator.CreateInstance(Generated.Value.Assembly.GetType("Consumer.EdgeNano")!)!;

    private delegate void InvokeInt8(ReadOnlySpan<sbyte> input, Span<sbyte> output);

    private delegate void InvokeFloat(ReadOnlySpan<float> input, Span<float> logits);

    private delegate int PredictFloat(ReadOnlySpan<float> input);
}
