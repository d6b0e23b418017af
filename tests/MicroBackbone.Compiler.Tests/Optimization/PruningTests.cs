using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Evaluation;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Optimization.Pruning;
using MicroBackbone.Compiler.Tests.FrontEnds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Optimization;

public sealed class PruningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbc-prune-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MicroSignEdge Nano(int seed) => (MicroSignEdge)TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed).Model;

    [Fact]
    public void StructuredPruningRemovesTheSameShareOfEverySegmentAndReallyShrinks()
    {
        using MicroSignEdge model = Nano(1);
        (MicroSignEdge pruned, PruningReport report) = ChannelPruner.Prune(model, 0.2);
        using (pruned)
        {
            // Hidden widths: 8 segments of width/8, round(0.2 * width/8) removed from each.
            int[] expected = model.Architecture.BlockShapes()
                .Select(b => b.HiddenChannels - (8 * (int)Math.Round(b.HiddenChannels / 8 * 0.2, MidpointRounding.AwayFromZero))).ToArray();
            Assert.Equal(expected, pruned.Architecture.BlockShapes().Select(b => b.HiddenChannels).ToArray());
            Assert.Equal(MacCounter.Parameters(pruned), report.ParametersAfter);
            Assert.Equal(ModelSummary.Compute(pruned.Architecture).TotalParameters, report.ParametersAfter);
            Assert.True(report.ParametersAfter < 0.85 * report.ParametersBefore, $"{report.ParametersBefore} -> {report.ParametersAfter}");
            Assert.True(report.MacsAfter < report.MacsBefore);
            using (no_grad())
            {
                Assert.Equal([2L, 10L], pruned.forward(randn(2, 1, 32, 32)).shape);
            }
        }
    }

    [Fact]
    public void PruningChannelsThatAreAlreadyDeadKeepTheOutputs()
    {
        using MicroSignEdge model = Nano(2);
        using (no_grad())
        {
            foreach (RsdBlock block in model.Stages.SelectMany(s => s.Blocks))
            {
                int h = block.Shape.HiddenChannels, k = h / 8, r = (int)Math.Round(k * 0.2, MidpointRounding.AwayFromZero);
                var dead = Enumerable.Range(0, 8).SelectMany(g => Enumerable.Range(g * k, r)).Select(c => (long)c).ToArray();
                Tensor d = tensor(dead);
                block.Expand!.Conv.weight!.index_fill_(0, d, 0);
                foreach (BatchNorm2d bn in new[] { block.Expand.Bn, block.DepthwiseBn, block.IdentityBn }.OfType<BatchNorm2d>())
                {
                    bn.weight!.index_fill_(0, d, 0);
                    bn.bias!.index_fill_(0, d, 0);
                }
                int groups = model.Architecture.SeGroups, se = block.Shape.SeChannels;
                int keptSe = model.Architecture.SeChannels(h - (8 * r)), perGroup = se / groups, drop = (se - keptSe) / groups;
                Tensor deadSe = tensor(Enumerable.Range(0, groups).SelectMany(g => Enumerable.Range(g * perGroup, drop)).Select(c => (long)c).ToArray());
                block.SqueezeExcite.Reduce.weight!.index_fill_(0, deadSe, 0);
                block.SqueezeExcite.Reduce.bias!.index_fill_(0, deadSe, 0);
            }
        }
        (MicroSignEdge pruned, _) = ChannelPruner.Prune(model, 0.2);
        using (pruned)
        using (no_grad())
        {
            manual_seed(5);
            Tensor x = randn(4, 1, 32, 32);
            double difference = (model.forward(x) - pruned.forward(x)).abs().max().item<float>();
            Assert.True(difference < 1e-5, $"max abs difference {difference}");
        }
    }

    [Theory]
    [InlineData(PruningScope.Global)]
    [InlineData(PruningScope.Layer)]
    public void UnstructuredSparsityIsExactlyTheRatio(PruningScope scope)
    {
        using MicroSignEdge model = Nano(3);
        PruningReport report = MagnitudePruner.Prune(model, 0.3, scope);

        var weights = model.named_modules().Where(m => m.module is Conv2d or Linear).Select(m => m.module.get_parameter("weight")!).ToList();
        long total = weights.Sum(w => w.numel()), zeros = weights.Sum(w => w.eq(0).sum().item<long>());
        Assert.Equal(total, report.ParametersBefore);
        Assert.Equal(zeros, report.ParametersBefore - report.ParametersAfter);
        if (scope == PruningScope.Global)
        {
            Assert.Equal((long)Math.Round(0.3 * total, MidpointRounding.AwayFromZero), zeros);
        }
        else
        {
            Assert.All(weights, w => Assert.Equal((long)Math.Round(0.3 * w.numel(), MidpointRounding.AwayFromZero), w.eq(0).sum().item<long>()));
        }
    }

    [Fact]
    public void PrunedCheckpointRebuildsItselfAndTheInputIsUntouched()
    {
        string input = Path.Combine(_dir, "nano.pth"), output = Path.Combine(_dir, "pruned.pth");
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed: 4);
        using (model)
        {
            CheckpointFile.Save(input, model, spec.ToMetadata());
        }
        byte[] before = File.ReadAllBytes(input);

        PruningReport report = new PruningJob(input, output, PruningType.Structured, 0.25).Run(spec);

        Assert.Equal(before, File.ReadAllBytes(input));
        (nn.Module<Tensor, Tensor> loaded, ModelSpec loadedSpec, CheckpointMetadata metadata) = ArchCatalog.Load(output, spec);
        using (loaded)
        {
            Assert.Equal(report.ParametersAfter, MacCounter.Parameters(loaded));
            Assert.Contains("hidden_channels", metadata.ConfigYaml);
            Assert.Equal("structured 0.25", metadata.Extras["pruning"]);
            Assert.Equal("edge_nano", loadedSpec.Arch);
        }
    }

    [Fact]
    public void MistakesAreClearErrors()
    {
        string input = Path.Combine(_dir, "nano.pth");
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed: 4);
        using (model)
        {
            CheckpointFile.Save(input, model, spec.ToMetadata());
            CheckpointFile.Save(Path.Combine(_dir, "q.pth"), model, spec.ToMetadata() with { QuantizationJson = "{}" });
        }
        Assert.Contains("strictly between 0 and 1", Assert.Throws<PruningException>(() =>
            new PruningJob(input, Path.Combine(_dir, "o.pth"), PruningType.Unstructured, 1.0).Run(spec)).Message);
        Assert.Contains("never modifies its input", Assert.Throws<PruningException>(() =>
            new PruningJob(input, input, PruningType.Structured, 0.2).Run(spec)).Message);
        Assert.Contains("prune the float checkpoint", Assert.Throws<PruningException>(() =>
            new PruningJob(Path.Combine(_dir, "q.pth"), Path.Combine(_dir, "o.pth"), PruningType.Structured, 0.2).Run(spec)).Message);

        (nn.Module<Tensor, Tensor> resnet, ModelSpec resnetSpec) = TrainedLikeModels.Create("resnet18", 32, 3, 10, seed: 1);
        using (resnet)
        {
            CheckpointFile.Save(Path.Combine(_dir, "r.pth"), resnet, resnetSpec.ToMetadata());
        }
        var error = Assert.Throws<PruningException>(() =>
            new PruningJob(Path.Combine(_dir, "r.pth"), Path.Combine(_dir, "o.pth"), PruningType.Structured, 0.2).Run(resnetSpec));
        Assert.Contains("use --pruning-type unstructured for resnet18", error.Message);
        Assert.False(File.Exists(Path.Combine(_dir, "o.pth")));
    }
}
