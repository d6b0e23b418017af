using MicroBackbone.CSharpEmitter;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Reference;
using MicroBackbone.Runtime.Loader;

namespace MicroBackbone.Generators.Tests.Loader;

/// <summary>
/// The run-time loader against the generated class and the int8 reference interpreter on graphs that use every step
/// the C# back end lowers to: byte for byte, several calls in a row (state carried over for SVDF), and no allocation
/// per call once loaded.
/// </summary>
public class RuntimeModelTests
{
    private delegate void InvokeInt8(ReadOnlySpan<sbyte> input, Span<sbyte> output);

    public static TheoryData<string> Names() => new(LoaderTestGraphs.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Loaded_model_equals_the_generated_class_and_the_interpreter(string name)
    {
        var graph = LoaderTestGraphs.Build(name);
        var source = CSharpModelEmitter.Emit(graph, "Consumer", "LoadedTwin");
        var type = GeneratorHarness.Load(GeneratorHarness.Compilation(new[] { source })).GetType("Consumer.LoadedTwin")!;
        var generated = type.GetMethod("Invoke", new[] { typeof(ReadOnlySpan<sbyte>), typeof(Span<sbyte>) })!
            .CreateDelegate<InvokeInt8>(Activator.CreateInstance(type)!);
        var interpreter = new Int8Interpreter(EdgeQuantization.Strip(graph));
        var loaded = RuntimeModel.FromGraph(graph, name);
        Assert.Equal((int)type.GetField("ArenaBytes")!.GetRawConstantValue()!, loaded.ArenaBytes);
        Assert.Equal(graph.ClassNames, loaded.ClassNames);

        var outputLength = loaded.Output.Length;
        var distinct = new HashSet<sbyte>();
        for (var seed = 0; seed < 4; seed++)
        {
            var input = TinyModels.Input(500 + seed, loaded.Input.Length);
            var expected = interpreter.Run(input);
            var fromGenerated = new sbyte[outputLength];
            var fromLoaded = new sbyte[outputLength];
            generated(input, fromGenerated);
            loaded.Invoke(input, fromLoaded);
            Assert.Equal(expected, fromGenerated);
            Assert.Equal(expected, fromLoaded);
            distinct.UnionWith(fromLoaded);
        }

        Assert.True(distinct.Count > 2, $"{name}: the outputs hardly vary ({distinct.Count} values), so equality proves little");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Calls_allocate_nothing_once_loaded(string name)
    {
        var loaded = RuntimeModel.FromGraph(LoaderTestGraphs.Build(name), name);
        var input = TinyModels.Input(9, loaded.Input.Length);
        var floats = input.Select(v => v * 0.01f).ToArray();
        var output = new sbyte[loaded.Output.Length];
        var floatOutput = new float[loaded.Output.Length];
        loaded.Invoke(input, output);
        loaded.InvokeFloat(floats, floatOutput);
        loaded.Predict(floats);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            loaded.Invoke(input, output);
            loaded.InvokeFloat(floats, floatOutput);
            loaded.Predict(floats);
            input.CopyTo(loaded.InputBuffer(0));
            loaded.Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Svdf_state_persists_between_calls_and_Reset_clears_it()
    {
        var graph = LoaderTestGraphs.Build("svdf");
        var loaded = RuntimeModel.FromGraph(graph, "svdf");
        var interpreter = new Int8Interpreter(graph);
        Assert.True(loaded.StateLength > 0);
        var inputs = Enumerable.Range(0, 5).Select(i => TinyModels.Input(40 + i, loaded.Input.Length)).ToArray();
        var first = new List<sbyte[]>();
        foreach (var x in inputs)
        {
            var y = new sbyte[loaded.Output.Length];
            loaded.Invoke(x, y);
            Assert.Equal(interpreter.Run(x), y);
            first.Add(y);
        }

        // The same input gives another output on a later call: the memory is real.
        Assert.NotEqual(first[0], Run(loaded, inputs[0]));
        loaded.Reset();
        Assert.Equal(first[0], Run(loaded, inputs[0]));
    }

    [Fact]
    public void Float_entry_points_match_the_generated_class()
    {
        var graph = LoaderTestGraphs.Build("edge_nano");
        var source = CSharpModelEmitter.Emit(graph, "Consumer", "FloatTwin");
        var type = GeneratorHarness.Load(GeneratorHarness.Compilation(new[] { source })).GetType("Consumer.FloatTwin")!;
        var invokeFloat = type.GetMethod("InvokeFloat", new[] { typeof(ReadOnlySpan<float>), typeof(Span<float>), typeof(Span<byte>) })!
            .CreateDelegate<InvokeFloatWithArena>();
        var loaded = RuntimeModel.FromGraph(graph, "edge_nano");
        Assert.Equal((float)type.GetField("InputScale")!.GetRawConstantValue()!, loaded.Input.Scale);
        Assert.Equal((int)type.GetField("OutputZeroPoint")!.GetRawConstantValue()!, loaded.Output.ZeroPoint);
        var rng = new Random(3);
        for (var trial = 0; trial < 4; trial++)
        {
            var x = Enumerable.Range(0, loaded.Input.Length).Select(_ => (float)((rng.NextDouble() * 8) - 4)).ToArray();
            var expected = new float[loaded.Output.Length];
            var actual = new float[loaded.Output.Length];
            invokeFloat(x, expected, new byte[loaded.ArenaBytes]);
            loaded.InvokeFloat(x, actual);
            Assert.Equal(expected, actual);
            Assert.Equal(Array.IndexOf(expected, expected.Max()), loaded.Predict(x));
        }
    }

    private delegate void InvokeFloatWithArena(ReadOnlySpan<float> input, Span<float> output, Span<byte> arena);

    private static sbyte[] Run(RuntimeModel model, sbyte[] input)
    {
        var y = new sbyte[model.Output.Length];
        model.Invoke(input, y);
        return y;
    }
}
