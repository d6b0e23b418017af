using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Planning;
using MicroBackbone.Ir.Tests.Graph;

namespace MicroBackbone.Ir.Tests.Planning;

public class MemoryPlannerTests
{
    private static readonly MemoryPlanOptions NoInPlace = new(UseInPlace: false);

    /// <summary>A float 1x1 conv taking x to <paramref name="channels"/> channels (activations are [1, 2, 2, C]: 16*C bytes).</summary>
    private static int Pointwise(IrGraphBuilder b, int x, int channels, int seed)
    {
        var c = b.Tensor(x).Shape[3];
        var w = b.ConstantFloat($"w{seed}", new[] { channels, 1, 1, c }, TestGraphs.Floats(channels * c, seed));
        return b.Conv2D(x, w, null, new Conv2DAttributes(), $"conv{seed}");
    }

    private static IrGraph Chain(params int[] channels)
    {
        var b = new IrGraphBuilder("chain");
        var t = b.Input("x", new[] { 1, 2, 2, channels[0] });
        for (var i = 1; i < channels.Length; i++)
        {
            t = Pointwise(b, t, channels[i], i);
        }

        return b.Output(t).Build();
    }

    [Fact]
    public void ChainReachesTheLowerBound()
    {
        // Sizes 64, 128, 32, 192, 16: the worst neighbouring pair is 32 + 192.
        var graph = Chain(4, 8, 2, 12, 1);
        var plan = MemoryPlanner.Plan(graph, NoInPlace);
        PlanChecks.AssertSound(graph, plan);
        Assert.Equal(224, plan.LowerBoundBytes);
        Assert.Equal(224, plan.ArenaBytes);
        Assert.Equal(432, plan.NaiveBytes);
    }

    [Fact]
    public void RandomChainsReachTheLowerBound()
    {
        var rng = new Random(42);
        for (var trial = 0; trial < 30; trial++)
        {
            var channels = Enumerable.Range(0, rng.Next(2, 10)).Select(_ => rng.Next(1, 20)).ToArray();
            var graph = Chain(channels);
            var plan = MemoryPlanner.Plan(graph, NoInPlace);
            PlanChecks.AssertSound(graph, plan);
            Assert.Equal(plan.LowerBoundBytes, plan.ArenaBytes);
        }
    }

    [Fact]
    public void ResidualDiamondKeepsTheSkipAlive()
    {
        // x(64) -> conv -> a(128) -> conv -> b(64); y = x + b. At conv #1, x, a and b are all live: 256 bytes.
        var b = new IrGraphBuilder("residual");
        var x = b.Input("x", new[] { 1, 2, 2, 4 });
        var a = Pointwise(b, x, 8, 1);
        var c = Pointwise(b, a, 4, 2);
        var y = b.Add(x, c, opName: "add");
        var graph = b.Output(y).Build();

        var plan = MemoryPlanner.Plan(graph, NoInPlace);
        PlanChecks.AssertSound(graph, plan);
        Assert.Equal(256, plan.LowerBoundBytes);
        Assert.Equal(256, plan.ArenaBytes);
        Assert.Equal(new LiveInterval(0, 2), plan.TensorIntervals[x]);
        Assert.Equal(new LiveInterval(2, 2), plan.TensorIntervals[y]);

        var marked = InPlaceMarking.Run(graph);
        var inPlace = MemoryPlanner.Plan(marked);
        PlanChecks.AssertSound(marked, inPlace);
        Assert.Equal(inPlace.OffsetOf(c), inPlace.OffsetOf(y));
        Assert.Equal(256, inPlace.ArenaBytes);
    }

    [Fact]
    public void SqueezeExciteBranchWithASmallLongLivedTensor()
    {
        // s (32 bytes) is computed at op 1 and read at op 4, across the big b (256 bytes).
        var b = new IrGraphBuilder("se");
        var x = b.Input("x", new[] { 1, 2, 2, 8 });
        var a = Pointwise(b, x, 8, 1);
        var s = b.Unary(IrOpKind.GlobalAveragePool, a, "squeeze");
        var big = Pointwise(b, a, 16, 2);
        var c = Pointwise(b, big, 8, 3);
        var y = b.Mul(c, s, opName: "excite");
        var graph = b.Output(y).Build();

        var plan = MemoryPlanner.Plan(graph, NoInPlace);
        PlanChecks.AssertSound(graph, plan);
        Assert.Equal(new LiveInterval(1, 4), plan.TensorIntervals[s]);
        Assert.Equal(416, plan.LowerBoundBytes);
        Assert.Equal(416, plan.ArenaBytes);
        Assert.Equal(128 + 128 + 32 + 256 + 128 + 128, plan.NaiveBytes);
    }

    [Fact]
    public void InPlaceActivationsShareTheirInputBuffer()
    {
        var b = new IrGraphBuilder("inplace");
        // x (16 bytes) -> a (128) -> hswish r (128) -> c (16): without reuse a and r coexist.
        var x = b.Input("x", new[] { 1, 2, 2, 1 });
        var a = Pointwise(b, x, 8, 1);
        var r = b.Unary(IrOpKind.HardSwish, a, "hswish");
        var c = Pointwise(b, r, 1, 2);
        var graph = InPlaceMarking.Run(b.Output(c).Build());

        var plan = MemoryPlanner.Plan(graph);
        PlanChecks.AssertSound(graph, plan);
        Assert.Same(plan.BufferOf(a), plan.BufferOf(r));
        Assert.Equal(144, plan.LowerBoundBytes);
        Assert.Equal(144, plan.ArenaBytes);
        Assert.Equal(256, MemoryPlanner.Plan(graph, NoInPlace).ArenaBytes);
    }

    [Fact]
    public void OffsetsAreAligned()
    {
        var b = new IrGraphBuilder("odd");
        var x = b.Input("x", new[] { 1, 3, 3, 1 }, IrDataType.Int8, TestGraphs.Q);
        var r = b.Unary(IrOpKind.Relu, x);
        var s = b.Unary(IrOpKind.Sigmoid, r, outputQuant: TestGraphs.Q);
        var graph = b.Output(s).Build();
        var plan = MemoryPlanner.Plan(graph, new MemoryPlanOptions(Alignment: 16, UseInPlace: false));
        PlanChecks.AssertSound(graph, plan);
        Assert.Equal(16 + 9, plan.ArenaBytes);
        Assert.Equal(18, plan.LowerBoundBytes);
    }

    [Fact]
    public void RandomGraphsNeverOverlapLiveTensors()
    {
        var rng = new Random(7);
        for (var trial = 0; trial < 40; trial++)
        {
            var b = new IrGraphBuilder("random");
            var tensors = new List<int> { b.Input("x", new[] { 1, 2, 2, rng.Next(1, 9) }) };
            for (var i = 0; i < rng.Next(3, 14); i++)
            {
                var pick = tensors[rng.Next(tensors.Count)];
                var partner = tensors.FirstOrDefault(t => t != pick && b.Tensor(t).Shape == b.Tensor(pick).Shape, -1);
                var next = rng.Next(4) switch
                {
                    0 when partner >= 0 => b.Add(pick, partner),
                    1 => b.Unary(IrOpKind.Relu, pick),
                    2 => b.Unary(IrOpKind.GlobalAveragePool, pick),
                    _ => Pointwise(b, pick, rng.Next(1, 12), 100 + i),
                };
                tensors.Add(next);
            }

            var graph = InPlaceMarking.Run(b.Output(tensors[tensors.Count - 1]).Build());
            PlanChecks.AssertSound(graph, MemoryPlanner.Plan(graph));
            PlanChecks.AssertSound(graph, MemoryPlanner.Plan(graph, NoInPlace));
        }
    }

    [Fact]
    public void ConstantsAreNotPlanned()
    {
        var graph = TestGraphs.QuantCnn();
        var plan = MemoryPlanner.Plan(graph);
        Assert.Throws<KeyNotFoundException>(() => plan.OffsetOf(1));
        Assert.All(plan.TensorIds, id => Assert.False(graph.Tensor(id).IsConstant));
        PlanChecks.AssertSound(graph, plan);
    }
}
