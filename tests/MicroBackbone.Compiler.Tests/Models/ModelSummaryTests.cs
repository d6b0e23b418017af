using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Compiler.Tests.Models;

public class ModelSummaryTests
{
    [Fact]
    public void ParametersMacsAndPeaksMatchTheHandComputedTinyNetwork()
    {
        ModelSummary summary = ModelSummary.Compute(TinyArchitecture.Create());

        // stem: 3x3x1x8 weights + BN 16; MACs 8x8 pixels x 9 x 1 x 8.
        // stage 0 (8->8, stride 1, SE 8->2 in 2 groups): dw 72 + dw_bn 16 + id_bn 16
        //   + SE (8 + 2) + (8 + 8) + project 64 + 16 = 210; MACs dw 4608 + SE 16 + gate 512 + project 4096 = 9232.
        // stage 1 (8->16 hidden 16, stride 2, 8x8 -> 4x4, SE 16->4): expand 128 + 32, dw 144 + 32,
        //   SE (32 + 4) + (32 + 16), project 256 + 32 = 708; MACs 8192 + 2304 + 64 + 256 + 4096 = 14912.
        // head: 16x16 + 32 + classifier 48 + 3 = 339; MACs 4x4 x 256 + 48 = 4144.
        Assert.Equal(new long[] { 88, 210, 708, 339 }, summary.Sections.Select(s => s.Parameters));
        Assert.Equal(new long[] { 4608, 9232, 14912, 4144 }, summary.Sections.Select(s => s.Macs));
        Assert.Equal(1345, summary.TotalParameters);
        Assert.Equal(32896, summary.TotalMacs);

        // Peaks: stem 8x8x8; stage 0 8x8x8; stage 1 the expanded 16x8x8 tensor; head 16x4x4.
        Assert.Equal(new long[] { 512, 512, 1024, 256 }, summary.Sections.Select(s => s.PeakActivationBytes));
        Assert.Equal(1024, summary.PeakActivationBytes);
        Assert.Equal(new[] { 8, 8, 4, 4 }, summary.Sections.Select(s => s.OutputSize));
        Assert.Equal(new[] { "stage 0", "stage 1" }, summary.Stages.Select(s => s.Name));
        Assert.DoesNotContain(summary.Sections, s => s.OverBudget);
    }

    [Fact]
    public void ASectionAboveTheBudgetIsMarkedOver()
    {
        ModelSummary summary = ModelSummary.Compute(TinyArchitecture.Create() with { SramBudgetBytes = 600 });

        Assert.Equal(new[] { false, false, true, false }, summary.Sections.Select(s => s.OverBudget));
    }
}
