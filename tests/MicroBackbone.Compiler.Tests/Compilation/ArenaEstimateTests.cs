using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Evaluation;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Ir.Planning;

namespace MicroBackbone.Compiler.Tests.Compilation;

public class ArenaEstimateTests
{
    [Theory]
    [InlineData("edge_nano", 1)]
    [InlineData("edge_micro", 3)]
    [InlineData("edge_small", 3)]
    public void EdgeArenasAreWithinFivePercentOfTheLivenessBound(string arch, int channels)
    {
        ModelConfigText config = ModelConfigText.Load(null);
        EdgeArchitecture architecture = EdgeArchitecture.FromConfig(config.Config, config.Source, arch, 32, channels, 10);

        MemoryPlan plan = ArenaEstimate.Plan(architecture);

        Assert.True(plan.ArenaBytes >= plan.LowerBoundBytes);
        Assert.True(plan.ArenaBytes <= 1.05 * plan.LowerBoundBytes, $"{arch}: arena {plan.ArenaBytes} vs bound {plan.LowerBoundBytes}");
        Assert.True(plan.NaiveBytes > 2 * plan.ArenaBytes);
    }
}
