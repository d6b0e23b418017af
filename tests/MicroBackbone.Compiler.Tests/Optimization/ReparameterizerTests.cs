using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Optimization;
using MicroBackbone.Compiler.Tests.FrontEnds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Optimization;

public class ReparameterizerTests
{
    [Theory]
    [InlineData("edge_nano", 1)]
    [InlineData("edge_micro", 3)]
    [InlineData("edge_small", 3)]
    public void DeployFormMatchesTheTrainedModelOnRandomInputs(string arch, int channels)
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create(arch, 32, channels, 10, seed: 3);
        using (model)
        using (DeployMicroSignEdge deploy = Reparameterizer.Reparameterize((MicroSignEdge)model))
        using (no_grad())
        {
            manual_seed(9);
            Tensor x = randn(4, channels, 32, 32);
            double difference = (model.forward(x) - deploy.forward(x)).abs().max().item<float>();
            Assert.True(difference < 1e-4, $"max abs difference {difference}");
            Assert.True(deploy.parameters().Count() < model.parameters().Count());
        }
    }

    [Fact]
    public void DeployFormMatchesOnRealFashionMnistImages()
    {
        DatasetConfig config = DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find("fashion-mnist", "test");
        ImageDataset images = DatasetLoader.LoadSplit(config, config.Test!, "test", limit: 16);
        var augmentation = new Augmentation(1, 28, 28, new AugmentationOptions(1, 32, 32, [0.286], [0.353]));
        var loader = new BatchLoader(images, augmentation, 16, training: false, seed: 1);
        (nn.Module<Tensor, Tensor> model, _) = TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed: 4);
        using (model)
        using (DeployMicroSignEdge deploy = Reparameterizer.Reparameterize((MicroSignEdge)model))
        using (no_grad())
        {
            foreach (Batch batch in loader.Epoch(0))
            {
                using Batch b = batch;
                double difference = (model.forward(b.Images) - deploy.forward(b.Images)).abs().max().item<float>();
                Assert.True(difference < 1e-4, $"max abs difference {difference}");
            }
        }
    }

    [Fact]
    public void FoldingBatchNormKeepsTheConvOutput()
    {
        manual_seed(2);
        using var conv = nn.Conv2d(3, 5, 3, padding: 1, bias: true);
        using var bn = nn.BatchNorm2d(5);
        using (no_grad())
        {
            bn.running_mean!.copy_(randn(5));
            bn.running_var!.copy_(rand(5) + 0.1);
            bn.weight!.copy_(randn(5));
            bn.bias!.copy_(randn(5));
        }
        bn.eval();
        Tensor x = randn(2, 3, 8, 8);
        (Tensor weight, Tensor bias) = BatchNormFolding.Fold(conv.weight!, conv.bias, bn);
        using (no_grad())
        {
            Tensor expected = bn.forward(conv.forward(x));
            Tensor actual = nn.functional.conv2d(x, weight, bias, padding: [1, 1]);
            Assert.True((expected - actual).abs().max().item<float>() < 1e-5);
        }
    }
}
