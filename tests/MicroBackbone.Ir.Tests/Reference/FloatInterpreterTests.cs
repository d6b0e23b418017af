using MicroBackbone.Ir.Reference;
using MicroBackbone.Ir.Tests.Graph;

namespace MicroBackbone.Ir.Tests.Reference;

public class FloatInterpreterTests
{
    [Fact]
    public void ObserverSeesTheInputThenEveryOperatorOutputInOrder()
    {
        var graph = TestGraphs.FloatCnn();
        var recorder = new RangeRecorder();

        var output = new FloatInterpreter(graph).Run(new[] { TestGraphs.Floats(192, 9) }, recorder)[0];

        var expectedIds = new[] { graph.Inputs[0] }.Concat(graph.Operators.Select(o => o.Outputs[0])).ToArray();
        Assert.Equal(expectedIds, recorder.Ids);
        Assert.Equal(output.Max(), recorder.Max[graph.Outputs[0]]);
        Assert.Equal(1f, output.Sum(), 5);
        Assert.True(recorder.Min[graph.Operators[1].Outputs[0]] >= 0f, "relu output must not be negative");
    }

    [Fact]
    public void RepeatedRunsGiveTheSameResultWithoutAllocating()
    {
        var interpreter = new FloatInterpreter(TestGraphs.FloatCnn());
        var inputs = new[] { TestGraphs.Floats(192, 3) };
        var first = interpreter.Run(inputs)[0].ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var second = interpreter.Run(inputs);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(first, second[0]);
    }

    [Fact]
    public void ValuesExposesIntermediateTensorsAfterARun()
    {
        var graph = TestGraphs.FloatCnn();
        var interpreter = new FloatInterpreter(graph);
        var input = TestGraphs.Floats(192, 4);
        interpreter.Run(new[] { input });

        Assert.Equal(input, interpreter.Values(graph.Inputs[0]).ToArray());
        var relu = graph.Operators[1].Outputs[0];
        Assert.All(interpreter.Values(relu).ToArray(), v => Assert.True(v >= 0f));
    }

    [Fact]
    public void RejectsQuantizedGraphsAndWrongInputs()
    {
        var quantized = Assert.Throws<ReferenceInterpreterException>(() => new FloatInterpreter(TestGraphs.QuantCnn()));
        Assert.Contains("float32 graphs only", quantized.Message);

        var interpreter = new FloatInterpreter(TestGraphs.FloatCnn());
        var size = Assert.Throws<ReferenceInterpreterException>(() => interpreter.Run(new[] { new float[5] }));
        Assert.Contains("needs 192 values, got 5", size.Message);
        Assert.Throws<ReferenceInterpreterException>(() => interpreter.Run(Array.Empty<float[]>()));
    }

    [Fact]
    public void RejectsQuantizeInAFloatGraph()
    {
        var b = new IrGraphBuilder("q");
        var x = b.Input("x", new[] { 1, 2 });
        var q = b.Unary(IrOpKind.Quantize, x, "quant", TestGraphs.Q, IrDataType.Int8);
        var d = b.Unary(IrOpKind.Dequantize, q, "dequant");
        var graph = b.Output(d).Build();

        var error = Assert.Throws<ReferenceInterpreterException>(() => new FloatInterpreter(graph));
        Assert.Contains("int8", error.Message);
    }

    private sealed class RangeRecorder : ITensorObserver
    {
        public List<int> Ids { get; } = new();

        public Dictionary<int, float> Min { get; } = new();

        public Dictionary<int, float> Max { get; } = new();

        public void Observe(IrTensor tensor, ReadOnlySpan<float> values)
        {
            Ids.Add(tensor.Id);
            var min = float.PositiveInfinity;
            var max = float.NegativeInfinity;
            foreach (var v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            Min[tensor.Id] = min;
            Max[tensor.Id] = max;
        }
    }
}
