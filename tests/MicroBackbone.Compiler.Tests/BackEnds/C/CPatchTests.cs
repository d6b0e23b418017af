using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Planning.Patching;
using static MicroBackbone.Compiler.Tests.BackEnds.C.CTestModels;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// Patch-based early layers in the generated C: the band schedule the IR's planner picks runs in gcc-built C (ASan +
/// UBSan, both kernel forms) and reproduces the int8 reference interpreter on the unpatched graph byte for byte, in a
/// smaller arena.
/// </summary>
public class CPatchTests
{
    /// <summary>A MobileNetV1-like net on 32x32x1: stride-2 stem, two depthwise-separable blocks (one stride 2), head.</summary>
    internal static IrGraph Net()
    {
        var rng = new Random(16);
        var b = new IrGraphBuilder("patch_net");
        var x = b.Input("img", new[] { 1, 32, 32, 1 }, IrDataType.Int8, Q(0.02f, -3));
        var relu6 = FusedActivation.Relu6;
        var t = b.Conv2D(x, Weights(b, rng, "stem.w", new[] { 8, 3, 3, 1 }, 0), Bias(b, rng, "stem.b", 8),
            new Conv2DAttributes(2, 2, Padding2D.Same(32, 32, 3, 3, 2, 2), Activation: relu6), "stem", Q(0.03f, -128));
        t = b.DepthwiseConv2D(t, Weights(b, rng, "dw0.w", new[] { 1, 3, 3, 8 }, 3), Bias(b, rng, "dw0.b", 8),
            new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), Activation: relu6), "dw0", Q(0.03f, -128));
        t = b.Conv2D(t, Weights(b, rng, "pw0.w", new[] { 16, 1, 1, 8 }, 0), Bias(b, rng, "pw0.b", 16), new Conv2DAttributes(Activation: relu6), "pw0", Q(0.03f, -128));
        t = b.DepthwiseConv2D(t, Weights(b, rng, "dw1.w", new[] { 1, 3, 3, 16 }, 3), Bias(b, rng, "dw1.b", 16),
            new DepthwiseConv2DAttributes(2, 2, Padding2D.Same(16, 16, 3, 3, 2, 2), Activation: relu6), "dw1", Q(0.03f, -128));
        t = b.Conv2D(t, Weights(b, rng, "pw1.w", new[] { 16, 1, 1, 16 }, 0), Bias(b, rng, "pw1.b", 16), new Conv2DAttributes(Activation: relu6), "pw1", Q(0.03f, -128));
        var gap = b.Unary(IrOpKind.GlobalAveragePool, t, "gap", Q(0.03f, -128));
        var flat = b.Reshape(gap, new[] { 1, 16 }, "flatten");
        var fc = b.FullyConnected(flat, Weights(b, rng, "fc.w", new[] { 4, 16 }, 0), Bias(b, rng, "fc.b", 4), opName: "fc", outputQuant: Q(0.1f, 0));
        return b.Output(fc).Build();
    }

    [Theory]
    [InlineData("-O1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("-O1 -DMB_SCALAR_CORE=1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    public void Patched_c_matches_the_int8_reference_in_less_ram(string flags)
    {
        var graph = Net();
        var whole = CBackEnd.Render(graph, CTarget.C, CEmitOptions.Default, out var unpatched);
        var dir = CToolchain.TempDir("patch");
        try
        {
            var summary = CBackEnd.Emit(graph, CTarget.C, dir, new CEmitOptions(Patches: PatchPlanOptions.Default));
            Assert.True(summary.Patches is { IsPatched: true }, "no patch schedule was chosen");
            Assert.True(summary.ArenaBytes + summary.ScratchBytes < unpatched.ArenaBytes + unpatched.ScratchBytes,
                $"patched {summary.ArenaBytes} + {summary.ScratchBytes} vs whole {unpatched.ArenaBytes} + {unpatched.ScratchBytes}");
            Assert.Equal(summary.Patches!.PeakBytes, summary.ArenaBytes + summary.ScratchBytes);
            Assert.Contains("row bands", File.ReadAllText(Path.Combine(dir, "model.c")));
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {flags} -o model main.c model.c", dir);
            for (var seed = 1; seed <= 3; seed++)
            {
                var input = RandomInput(summary.InputBytes, seed);
                var path = Path.Combine(dir, $"input{seed}.bin");
                File.WriteAllBytes(path, input.Select(v => unchecked((byte)v)).ToArray());
                var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, "model"), path, dir);
                Assert.True(code == 0, $"model exited {code}: {stderr}");
                var actual = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take((int)summary.OutputBytes).Select(int.Parse).ToArray();
                Assert.Equal(Int8GraphEvaluator.Run(graph, input).Select(v => (int)v).ToArray(), actual);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        Assert.NotEmpty(whole);
    }

    [Fact]
    public void A_budget_below_every_schedule_names_the_smallest_reachable_peak()
    {
        var ex = Assert.Throws<CBackEndException>(() =>
            CBackEnd.Render(Net(), CTarget.C, new CEmitOptions(Patches: PatchPlanOptions.Default with { MemoryBudget = 100 }), out _));
        Assert.Contains("--memory-budget 100", ex.Message);
        Assert.Contains("smallest peak reachable", ex.Message);
    }
}
