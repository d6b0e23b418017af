using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Models;

public class MicroSignEdgeTests
{
    private static readonly ModelConfig DefaultConfig = ModelConfig.LoadDefault();

    [Theory]
    [InlineData("edge_nano", 3, 32)]
    [InlineData("edge_nano", 1, 28)]
    [InlineData("edge_micro", 3, 32)]
    [InlineData("edge_micro", 1, 28)]
    [InlineData("edge_small", 3, 32)]
    [InlineData("edge_small", 1, 28)]
    public void ForwardMapsAnImageBatchToOneLogitPerClass(string arch, int channels, int size)
    {
        torch.manual_seed(7);
        EdgeArchitecture architecture = EdgeArchitecture.FromConfig(DefaultConfig, "model.yaml", arch, size, channels, 10);
        using var model = new MicroSignEdge(architecture);
        model.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();

        Tensor logits = model.forward(randn(2, channels, size, size));

        Assert.Equal(new long[] { 2, 10 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Theory]
    [InlineData("edge_nano")]
    [InlineData("edge_micro")]
    [InlineData("edge_small")]
    public void TheSummaryCountsExactlyTheModulesTrainableParameters(string arch)
    {
        EdgeArchitecture architecture = EdgeArchitecture.FromConfig(DefaultConfig, "model.yaml", arch);
        using var model = new MicroSignEdge(architecture);

        long actual = model.parameters().Sum(p => p.numel());

        Assert.Equal(ModelSummary.Compute(architecture).TotalParameters, actual);
    }

    [Fact]
    public void TheTinyNetworkHasTheHandComputedParameterCount()
    {
        using var model = new MicroSignEdge(TinyArchitecture.Create());

        Assert.Equal(1345, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void VariantsStayWithinTheirParameterAndMacTargets()
    {
        ModelSummary nano = Summary("edge_nano");
        ModelSummary micro = Summary("edge_micro");
        ModelSummary small = Summary("edge_small");

        Assert.InRange(nano.TotalParameters, 50_000, 99_999);
        Assert.InRange(nano.TotalMacs, 1_000_000, 6_000_000);
        Assert.InRange(micro.TotalParameters, 200_000, 350_000);
        Assert.InRange(small.TotalParameters, 600_000, 1_200_000);
        Assert.All(new[] { nano, micro, small }, s => Assert.DoesNotContain(s.Sections, x => x.OverBudget));
    }

    [Fact]
    public void StateDictNamesFollowThePyTorchLayout()
    {
        using var model = new MicroSignEdge(TinyArchitecture.Create());

        string[] keys = model.state_dict().Keys.Order(StringComparer.Ordinal).ToArray();

        string[] bn = ["weight", "bias", "running_mean", "running_var", "num_batches_tracked"];
        IEnumerable<string> Bn(string prefix) => bn.Select(n => $"{prefix}.{n}");
        IEnumerable<string> Se(string prefix) =>
            new[] { "se.reduce.weight", "se.reduce.bias", "se.expand.weight", "se.expand.bias" }.Select(n => $"{prefix}.{n}");
        const string b0 = "stages.0.blocks.0";
        const string b1 = "stages.1.blocks.0";
        string[] expected =
        [
            "stem.conv.weight", .. Bn("stem.bn"),
            $"{b0}.dw.weight", .. Bn($"{b0}.dw_bn"), .. Bn($"{b0}.id_bn"), .. Se(b0),
            $"{b0}.project.conv.weight", .. Bn($"{b0}.project.bn"),
            $"{b1}.expand.conv.weight", .. Bn($"{b1}.expand.bn"), $"{b1}.dw.weight", .. Bn($"{b1}.dw_bn"), .. Se(b1),
            $"{b1}.project.conv.weight", .. Bn($"{b1}.project.bn"),
            "head.conv.weight", .. Bn("head.bn"), "classifier.weight", "classifier.bias",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void TheNanoStateDictHasTheDocumentedNames()
    {
        using var model = new MicroSignEdge(EdgeArchitecture.FromConfig(DefaultConfig, "model.yaml", "edge_nano"));

        ICollection<string> keys = model.state_dict().Keys;

        Assert.Contains("stem.conv.weight", keys);
        Assert.Contains("stem.bn.running_mean", keys);
        Assert.Contains("stages.0.blocks.1.expand.conv.weight", keys);
        Assert.Contains("stages.0.blocks.1.dw.weight", keys);
        Assert.Contains("stages.0.blocks.1.dw_bn.weight", keys);
        Assert.Contains("stages.0.blocks.1.id_bn.running_var", keys);
        Assert.Contains("stages.0.blocks.1.se.reduce.weight", keys);
        Assert.Contains("stages.0.blocks.1.project.conv.weight", keys);
        Assert.Contains("head.conv.weight", keys);
        Assert.Contains("classifier.weight", keys);
        // The first block of a stride-2 stage has no identity branch.
        Assert.DoesNotContain("stages.0.blocks.0.id_bn.weight", keys);
    }

    private static ModelSummary Summary(string arch) =>
        ModelSummary.Compute(EdgeArchitecture.FromConfig(DefaultConfig, "model.yaml", arch));
}
