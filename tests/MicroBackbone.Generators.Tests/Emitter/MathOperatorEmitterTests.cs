using MicroBackbone.CSharpEmitter;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Generators.Tests.Emitter;

/// <summary>
/// Sub, Maximum, Minimum, Prelu, LeakyRelu, Tanh and the resizes through the generated C# and MicroBackbone.Runtime:
/// every output byte equals the int8 interpreter's.
/// </summary>
public class MathOperatorEmitterTests
{
    public static TheoryData<string> Names() => new(MathOperatorGraphs.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Generated_class_matches_the_int8_reference(string name)
    {
        var graph = MathOperatorGraphs.Build(name);
        var source = CSharpModelEmitter.Emit(graph, "Consumer", "MathModel");
        var type = GeneratorHarness.Load(GeneratorHarness.Compilation(new[] { source })).GetType("Consumer.MathModel")!;
        var run = type.GetMethod("Invoke", new[] { typeof(ReadOnlySpan<sbyte>), typeof(Span<sbyte>) })!
            .CreateDelegate<InvokeInt8>(Activator.CreateInstance(type)!);
        var input = graph.Tensor(graph.Inputs[0]);
        var output = graph.Tensor(graph.Outputs[0]);
        for (var seed = 1; seed <= 8; seed++)
        {
            var x = MathOperatorGraphs.Random(seed, input.ElementCount);
            var expected = Int8ReferenceRunner.Run(graph, x);
            var actual = new sbyte[output.ElementCount];
            run(x, actual);
            Assert.Equal(expected, actual);
        }
    }

    private delegate void InvokeInt8(ReadOnlySpan<sbyte> input, Span<sbyte> output);
}
