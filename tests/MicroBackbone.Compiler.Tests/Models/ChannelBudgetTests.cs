using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Compiler.Tests.Models;

public class ChannelBudgetTests
{
    private static readonly ModelConfig DefaultConfig = ModelConfig.LoadDefault();

    [Theory]
    [InlineData("edge_nano", 20000)]
    [InlineData("edge_nano", 24576)]
    [InlineData("edge_nano", 16384)]
    [InlineData("edge_nano", 32768)]
    [InlineData("edge_micro", 8192)]
    [InlineData("edge_micro", 20000)]
    [InlineData("edge_small", 12345)]
    [InlineData("edge_small", 65536)]
    public void FittedWidthsKeepEveryActivationWithinTheBudgetAndAreAsWideAsPossible(string arch, long budget)
    {
        EdgeArchitecture original = EdgeArchitecture.FromConfig(DefaultConfig, "model.yaml", arch);

        EdgeArchitecture fitted = ChannelBudget.Fit(original, budget);

        ModelSummary summary = ModelSummary.Compute(fitted);
        Assert.Equal(budget, fitted.SramBudgetBytes);
        Assert.All(summary.Sections, s => Assert.InRange(s.PeakActivationBytes, 1, budget));
        int[] before = Widths(original);
        int[] after = Widths(fitted);
        for (int slot = 0; slot < after.Length; slot++)
        {
            Assert.True(after[slot] % 8 == 0 && after[slot] >= 8 && after[slot] <= before[slot], $"slot {slot}: {after[slot]}");
            if (after[slot] < before[slot])
            {
                // Trimmed: 8 more channels on this width alone would break the budget.
                EdgeArchitecture wider = WithWidth(fitted, slot, after[slot] + 8);
                Assert.True(ModelSummary.Compute(wider).PeakActivationBytes > budget, $"slot {slot} was over-trimmed");
            }
        }
        Assert.Equal(original.Stages.Select(s => (s.Blocks, s.Stride, s.Expansion)),
            fitted.Stages.Select(s => (s.Blocks, s.Stride, s.Expansion)));
    }

    [Fact]
    public void AGenerousBudgetChangesNothing()
    {
        EdgeArchitecture original = EdgeArchitecture.FromConfig(DefaultConfig, "model.yaml", "edge_nano");

        EdgeArchitecture fitted = ChannelBudget.Fit(original, 1 << 20);

        Assert.Equal(Widths(original), Widths(fitted));
    }

    [Fact]
    public void TheExpandedTensorOfTheNextStageTrimsTheWidthThatFeedsIt()
    {
        // Nano's stage 0 expands the 16 stem channels x2 at 32x32: 32 KiB. With 16 KiB the stem must drop to 8.
        EdgeArchitecture original = EdgeArchitecture.FromConfig(DefaultConfig, "model.yaml", "edge_nano");

        EdgeArchitecture fitted = ChannelBudget.Fit(original, 16384);

        Assert.Equal(8, fitted.StemChannels);
        Assert.Equal(24, fitted.Stages[0].Channels);
    }

    [Fact]
    public void ABudgetTooSmallForEightChannelsIsAClearError()
    {
        EdgeArchitecture original = EdgeArchitecture.FromConfig(DefaultConfig, "model.yaml", "edge_nano");

        var error = Assert.Throws<ChannelBudgetException>(() => ChannelBudget.Fit(original, 1000));

        Assert.Contains("edge_nano", error.Message);
        Assert.Contains("1000 bytes", error.Message);
        Assert.Contains("stem", error.Message);
    }

    private static int[] Widths(EdgeArchitecture a) => [a.StemChannels, .. a.Stages.Select(s => s.Channels), a.HeadChannels];

    private static EdgeArchitecture WithWidth(EdgeArchitecture a, int slot, int width)
    {
        if (slot == 0)
        {
            return a with { StemChannels = width };
        }
        if (slot == a.Stages.Count + 1)
        {
            return a with { HeadChannels = width };
        }
        return a with { Stages = a.Stages.Select((s, i) => i == slot - 1 ? s with { Channels = width } : s).ToArray() };
    }
}
