using System.Globalization;
using MicroBackbone.Compiler.Tests.Cli;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Compiler.Tests.Models;

[Collection(nameof(ConsoleCollection))]
public class InfoCommandTests
{
    [Fact]
    public void InfoOnATorchVisionCheckpointDescribesItsLoweredGraphAndMemoryPlan()
    {
        (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model, ModelSpec spec) =
            FrontEnds.TrainedLikeModels.Create("mobilenet_v3_small", 32, 3, 10, seed: 1);
        string path = Path.Combine(Path.GetTempPath(), $"mbc-info-{Guid.NewGuid():N}.pth");
        try
        {
            using (model)
            {
                CheckpointFile.Save(path, model, spec.ToMetadata());
            }
            (int exit, string output, string error) = Run("info", "--checkpoint", path);
            Assert.True(exit == 0, error);
            Assert.Contains("mobilenet_v3_small: input 3x32x32, 10 classes", output);
            Assert.Matches(@"Memory plan \(int8, as compiled\): arena [\d,]+ bytes, liveness lower bound [\d,]+", output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void InfoPrintsEveryStageAndTheTotals()
    {
        ModelSummary expected = ModelSummary.Compute(
            EdgeArchitecture.FromConfig(ModelConfig.LoadDefault(), "model.yaml", "edge_micro"));

        (int exit, string output, string error) = Run("info", "--arch", "edge_micro");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains("edge_micro", output);
        Assert.Contains(Count(expected.TotalParameters), output);
        Assert.Contains(Count(expected.TotalMacs), output);
        foreach (SectionSummary section in expected.Sections)
        {
            Assert.Contains(section.Name, output);
            Assert.Contains(Count(section.Parameters), output);
        }
        Assert.DoesNotContain("OVER", output);
    }

    [Fact]
    public void InfoAppliesTheInputOverridesAndMarksSectionsOverBudget()
    {
        // At 3x96x96 nano's stem and first stage outgrow the 32 KiB budget.
        (int exit, string output, _) = Run("info", "--input-size", "96", "--input-channels", "3", "--num-classes", "4");

        Assert.Equal(0, exit);
        Assert.Contains("input 3x96x96, 4 classes", output);
        Assert.Contains("OVER", output);
        Assert.Contains("96x96", output);
    }

    [Fact]
    public void AnUnknownArchIsOneCleanErrorListingTheValidOnes()
    {
        (int exit, string output, string error) = Run("info", "--arch", "edge_giant");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Contains("unknown arch 'edge_giant'", error);
        Assert.Contains("edge_micro, edge_nano, edge_small", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void AConfigFileCanBeGiven()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("mbc-info-").FullName, "model.yaml");
        File.WriteAllText(path, File.ReadAllText(ModelConfig.DefaultPath).Replace("arch: edge_nano", "arch: edge_small"));
        try
        {
            (int exit, string output, _) = Run("info", "--config", path);

            Assert.Equal(0, exit);
            Assert.Contains("edge_small", output);
            Assert.Contains("stage 3", output);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void InfoDescribesTheModelACheckpointHolds()
    {
        string dir = Directory.CreateTempSubdirectory("mbc-info-ckpt-").FullName;
        try
        {
            ModelSpec spec = ArchCatalog.Resolve(ModelConfigText.Load(null), "edge_micro", 28, 1, 4);
            using var model = ArchCatalog.Create(spec);
            string path = Path.Combine(dir, "micro.pth");
            CheckpointFile.Save(path, model, spec.ToMetadata());
            ModelSummary expected = ModelSummary.Compute(((MicroSignEdge)model).Architecture);

            (int exit, string output, string error) = Run("info", "--checkpoint", path);

            Assert.True(exit == 0, error);
            Assert.Contains("edge_micro: input 1x28x28, 4 classes", output);
            Assert.Contains(Count(expected.TotalParameters), output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static (int Exit, string Output, string Error) Run(params string[] args) => CliRunner.Run(args);
}
