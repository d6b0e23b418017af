namespace MicroBackbone.Ir.Tests.Reference;

public class ElementwiseKernelTests
{
    private static readonly float[] Activations = { -4f, -1f, 0f, 1f, 3f, 7f };

    [Fact]
    public void AddBroadcastsAPerChannelConstant()
    {
        var b = new IrGraphBuilder("add");
        var x = b.Input("x", new[] { 1, 2, 1, 2 });
        var c = b.ConstantFloat("c", new[] { 1, 1, 1, 2 }, new[] { 100f, -100f });
        var y = b.Add(x, c);
        var graph = b.Output(y).Build();

        FloatRun.AssertClose(new[] { 101f, -98f, 103f, -96f }, FloatRun.Single(graph, FloatRun.Range(4)));
    }

    [Fact]
    public void MulBroadcastsAGateAndAppliesFusedRelu6()
    {
        var b = new IrGraphBuilder("mul");
        var x = b.Input("x", new[] { 1, 2, 1, 2 });
        var gate = b.ConstantFloat("gate", new[] { 1, 1, 1, 2 }, new[] { 2f, -1f });
        var y = b.Mul(gate, x, FusedActivation.Relu6);
        var graph = b.Output(y).Build();

        // x = 1, 2, 3, 4 -> 2, -2, 6, -4 -> relu6.
        FloatRun.AssertClose(new[] { 2f, 0f, 6f, 0f }, FloatRun.Single(graph, FloatRun.Range(4)));
    }

    [Fact]
    public void AddOfTwoActivationsSumsElementwise()
    {
        var b = new IrGraphBuilder("residual");
        var x = b.Input("x", new[] { 1, 1, 2, 2 });
        var r = b.Unary(IrOpKind.Relu, x);
        var y = b.Add(x, r, FusedActivation.Relu);
        var graph = b.Output(y).Build();

        FloatRun.AssertClose(new[] { 0f, 4f, 0f, 8f }, FloatRun.Single(graph, new[] { -1f, 2f, -3f, 4f }));
    }

    [Theory]
    [InlineData(IrOpKind.Relu, new[] { 0f, 0f, 0f, 1f, 3f, 7f })]
    [InlineData(IrOpKind.Relu6, new[] { 0f, 0f, 0f, 1f, 3f, 6f })]
    [InlineData(IrOpKind.HardSigmoid, new[] { 0f, 2f / 6, 0.5f, 4f / 6, 1f, 1f })]
    [InlineData(IrOpKind.HardSwish, new[] { 0f, -1f / 3, 0f, 2f / 3, 3f, 7f })]
    public void PiecewiseActivationsMatchTheirDefinitions(IrOpKind kind, float[] expected)
    {
        var b = new IrGraphBuilder("act");
        var y = b.Unary(kind, b.Input("x", new[] { 1, 1, 2, 3 }));
        var graph = b.Output(y).Build();

        FloatRun.AssertClose(expected, FloatRun.Single(graph, Activations));
    }

    [Fact]
    public void SigmoidIsTheLogistic()
    {
        var b = new IrGraphBuilder("sigmoid");
        var y = b.Unary(IrOpKind.Sigmoid, b.Input("x", new[] { 1, 6 }));
        var graph = b.Output(y).Build();

        var expected = Activations.Select(v => (float)(1 / (1 + Math.Exp(-v)))).ToArray();
        var actual = FloatRun.Single(graph, Activations);

        FloatRun.AssertClose(expected, actual);
        Assert.Equal(0.5f, actual[2]);
    }

    [Fact]
    public void SoftmaxRowsSumToOneAndBetaScalesTheLogits()
    {
        var b = new IrGraphBuilder("softmax");
        var x = b.Input("x", new[] { 2, 3 });
        var s1 = b.Op(IrOpKind.Softmax, new[] { x }, new SoftmaxAttributes());
        var s2 = b.Op(IrOpKind.Softmax, new[] { x }, new SoftmaxAttributes(2f));
        var graph = b.Output(s1).Output(s2).Build();

        var outputs = new MicroBackbone.Ir.Reference.FloatInterpreter(graph).Run(new[] { new[] { 1f, 2f, 3f, 1000f, 1000f, 1000f } });

        var e = new[] { Math.Exp(-2), Math.Exp(-1), 1.0 };
        var expected = e.Select(v => (float)(v / e.Sum())).Concat(new[] { 1f / 3, 1f / 3, 1f / 3 }).ToArray();
        FloatRun.AssertClose(expected, outputs[0]);
        Assert.Equal(1f, outputs[0].Take(3).Sum(), 5);
        var e2 = new[] { Math.Exp(-4), Math.Exp(-2), 1.0 };
        FloatRun.AssertClose(e2.Select(v => (float)(v / e2.Sum())).ToArray(), outputs[1].Take(3).ToArray());
    }
}
