using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Planning;
using MicroBackbone.Ir.Planning.Patching;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Planning.Patching;

/// <summary>
/// Patch-based execution of the early layers: the receptive-field arithmetic, and the band schedule run by the int8
/// reference interpreter, which must give the bytes the whole-tensor run gives.
/// </summary>
public class PatchScheduleTests
{
    [Fact]
    public void Stride_two_same_convolution_reads_its_receptive_field_and_pads_only_the_true_border()
    {
        // 8 rows in, 4 out; SAME 3x3 stride 2 pads 0 rows on top and 1 below.
        var b = new IrGraphBuilder("rf");
        var x = b.Input("x", new[] { 1, 8, 3, 1 }, IrDataType.Int8, PatchTestModels.Q(0.02f, 0));
        var w = b.ConstantInt8("w", new[] { 1, 3, 3, 1 }, new sbyte[9], QuantParams.PerChannel(new[] { 0.01f }, new[] { 0 }, 0));
        b.Output(b.Conv2D(x, w, null, new Conv2DAttributes(2, 2, Padding2D.Same(8, 3, 3, 3, 2, 2)), "c", PatchTestModels.Q(0.02f, 0)));
        var graph = b.Build();

        var top = RowFootprint.Step(graph, 0, new RowSpan(0, 2));
        var bottom = RowFootprint.Step(graph, 0, new RowSpan(2, 4));

        Assert.Equal(new BandStep(0, new RowSpan(0, 5), new RowSpan(0, 2), 0, 0), top);
        Assert.Equal(new BandStep(0, new RowSpan(4, 8), new RowSpan(2, 4), 0, 1), bottom);
    }

    [Fact]
    public void Overlapping_bands_cost_their_recomputed_rows()
    {
        // 3x3 stride-1 convolutions, 12 rows: with 2 bands the first layer makes 2 rows twice (one per layer below).
        var b = new IrGraphBuilder("rc");
        var t = b.Input("x", new[] { 1, 12, 4, 2 }, IrDataType.Int8, PatchTestModels.Q(0.02f, 0));
        for (var i = 0; i < 2; i++)
        {
            var w = b.ConstantInt8($"w{i}", new[] { 2, 3, 3, 2 }, new sbyte[36], QuantParams.PerChannel(new[] { 0.01f, 0.01f }, new[] { 0, 0 }, 0));
            t = b.Conv2D(t, w, null, new Conv2DAttributes(Padding: Padding2D.Uniform(1)), $"c{i}", PatchTestModels.Q(0.02f, 0));
        }

        var graph = b.Output(t).Build();
        var schedule = PatchSchedule.Build(graph, PatchChain.Of(graph), 2, 2)!;

        // Layer 0 makes rows [0,7) and [5,12): 14 rows instead of 12, each 4 x 2 x 18 MACs.
        Assert.Equal(2 * 4 * 2 * 18, schedule.RecomputeMacs);
        Assert.Equal(new RowSpan(5, 12), schedule.Bands[1][0].Output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Every_schedule_of_a_random_chain_is_bit_identical_to_the_whole_tensor_run(int seed)
    {
        var graph = PatchTestModels.RandomChain(seed);
        var chain = PatchChain.Of(graph);
        Assert.True(chain.Length >= 4, $"chain of {chain.Length}");
        var whole = new Int8Interpreter(graph);
        var inputs = Enumerable.Range(0, 2).Select(s => PatchTestModels.RandomInput(whole.InputTensor.ElementCount, (seed * 10) + s)).ToList();
        var expected = inputs.Select(x => whole.Run(x)).ToList();
        var runs = 0;
        for (var length = 1; length <= chain.Length; length++)
        {
            for (var bands = 2; bands <= 5; bands++)
            {
                if (PatchSchedule.Build(graph, chain, length, bands) is not { } schedule)
                {
                    continue;
                }

                var patched = PatchRewrite.Apply(graph, schedule);
                var interpreter = new Int8Interpreter(patched);
                for (var i = 0; i < inputs.Count; i++)
                {
                    Assert.True(expected[i].SequenceEqual(interpreter.Run(inputs[i])), $"{schedule} differs on input {i}");
                }

                PlanChecks.AssertSound(patched, MemoryPlanner.Plan(InPlaceMarking.Run(patched)));
                runs++;
            }
        }

        Assert.True(runs >= 4, $"only {runs} schedules were buildable");
    }

    [Fact]
    public void Planner_cuts_the_arena_of_the_person_detection_network_and_keeps_its_bytes()
    {
        // MobileNetV1-0.25 at 96x96x1 (person detection's shapes, random weights). A few seconds: two whole inferences
        // through the reference interpreter and some 20 candidate schedules planned.
        var graph = PatchTestModels.MobileNetV1Quarter(96);
        var plan = PatchPlanner.Plan(graph);

        // Whole tensors: 55,296 B (the 24x24x32 pair of block 2); patched up to block 3's depthwise, 6 bands.
        Assert.True(plan.IsPatched);
        Assert.Equal(55_296, plan.UnpatchedPeakBytes);
        Assert.True(plan.PeakBytes <= 32_000, $"{plan.PeakBytes} vs {plan.UnpatchedPeakBytes} unpatched");
        Assert.True(plan.ExtraMacs <= 0.15 * plan.Macs);
        var patched = PatchRewrite.Apply(graph, plan.Schedule!);
        Assert.Equal(plan.PeakBytes, MemoryPlanner.Plan(InPlaceMarking.Run(patched)).ArenaBytes);
        var input = PatchTestModels.RandomInput(96 * 96, 1);
        Assert.Equal(new Int8Interpreter(graph).Run(input), new Int8Interpreter(patched).Run(input));
    }

    [Fact]
    public void A_budget_takes_the_cheapest_schedule_that_fits()
    {
        var graph = PatchTestModels.MobileNetV1Quarter(48);
        var smallest = PatchPlanner.Plan(graph);
        var budget = (smallest.PeakBytes + smallest.UnpatchedPeakBytes) / 2;

        var fitted = PatchPlanner.Plan(graph, PatchPlanOptions.Default with { MemoryBudget = budget });
        var roomy = PatchPlanner.Plan(graph, PatchPlanOptions.Default with { MemoryBudget = smallest.UnpatchedPeakBytes });

        Assert.True(fitted.IsPatched && fitted.PeakBytes <= budget);
        Assert.True(fitted.ExtraMacs <= smallest.ExtraMacs);
        Assert.False(roomy.IsPatched);
        var impossible = PatchPlanner.Plan(graph, PatchPlanOptions.Default with { MemoryBudget = 100 });
        Assert.Equal(smallest.PeakBytes, impossible.PeakBytes);
    }
}
