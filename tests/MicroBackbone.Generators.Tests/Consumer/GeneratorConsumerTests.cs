using GeneratorConsumer;
using MicroBackbone.Generators.Tests.Support;

namespace MicroBackbone.Generators.Tests.Consumer;

/// <summary>
/// samples/GeneratorConsumer is compiled by the SDK's compiler with the generator as an analyzer (so the generator,
/// its compiled-in IR and System.Text.Json load in the real compiler host); these tests run what it generated.
/// </summary>
public class GeneratorConsumerTests
{
    [Fact]
    public void Sample_runs_without_allocating()
    {
        var output = new StringWriter();
        Assert.Equal(0, Program.Run(output));
        Assert.Contains("0 bytes allocated by 100 predictions", output.ToString());
    }

    [Fact]
    public void Sample_model_class_matches_the_reference_kernels()
    {
        var model = new EdgeNano();
        var graph = TinyModels.EdgeNano();
        Assert.Equal(new[] { 1, 8, 8, 3 }, EdgeNano.InputShape.ToArray());
        Assert.Equal(new[] { 1, 4 }, EdgeNano.OutputShape.ToArray());
        Assert.Equal(graph.ClassNames, EdgeNano.ClassNames);
        for (var seed = 0; seed < 4; seed++)
        {
            var input = TinyModels.Input(seed, EdgeNano.InputLength);
            var actual = new sbyte[EdgeNano.OutputLength];
            model.Invoke(input, actual);
            Assert.Equal(Int8ReferenceRunner.Run(graph, input), actual);
        }
    }

    [Fact]
    public void Stack_arena_overload_gives_the_same_result()
    {
        var input = TinyModels.Input(7, EdgeNano.InputLength);
        var fromInstance = new sbyte[EdgeNano.OutputLength];
        new EdgeNano().Invoke(input, fromInstance);
        Span<byte> arena = stackalloc byte[EdgeNano.ArenaBytes];
        var fromStack = new sbyte[EdgeNano.OutputLength];
        EdgeNano.Invoke(input, fromStack, arena);
        Assert.Equal(fromInstance, fromStack);
    }
}
