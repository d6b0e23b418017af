using MicroBackbone.CSharpEmitter;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Generators.Tests.Emitter;

/// <summary>
/// The layout operators (Transpose, StridedSlice, Concatenation, PadV2) through the C# emitter and
/// MicroBackbone.Runtime's StridedCopy: the compiled class must reproduce the int8 reference interpreter bit for bit.
/// </summary>
public class LayoutOperatorEmitterTests
{
    private delegate void InvokeInt8(ReadOnlySpan<sbyte> input, Span<sbyte> output);

    [Fact]
    public void Layout_chain_is_bit_identical_to_the_reference_kernels()
    {
        var graph = LayoutTestModels.Chain();
        var source = CSharpModelEmitter.Emit(graph, "Consumer", "LayoutChain");
        Assert.Contains("StridedCopy.Run", source);
        Assert.Contains(".Fill(17);", source);
        var type = GeneratorHarness.Load(GeneratorHarness.Compilation(new[] { source })).GetType("Consumer.LayoutChain")!;
        var run = type.GetMethod("Invoke", new[] { typeof(ReadOnlySpan<sbyte>), typeof(Span<sbyte>) })!
            .CreateDelegate<InvokeInt8>(Activator.CreateInstance(type)!);
        var outputLength = (int)graph.Tensor(graph.Outputs[0]).ElementCount;
        for (var seed = 0; seed < 6; seed++)
        {
            var input = TinyModels.Input(300 + seed, LayoutTestModels.ChainInputLength);
            var expected = Int8ReferenceRunner.Run(graph, input);
            var actual = new sbyte[outputLength];
            run(input, actual);
            Assert.Equal(expected, actual);
        }
    }
}
