using System.Runtime.CompilerServices;
using MicroBackbone.Compiler.Models.TorchVision;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Models.TorchVision;

/// <summary>The --arch models match torchvision's structure, parameter counts and state-dict names.</summary>
public class TorchVisionArchsTests
{
    public static TheoryData<string> Archs() => new(TorchVisionArchs.Names);

    [Theory]
    [InlineData("resnet18", 11_689_512)]
    [InlineData("resnet50", 25_557_032)]
    [InlineData("mobilenet_v3_small", 2_542_856)]
    [InlineData("mobilenet_v3_large", 5_483_032)]
    [InlineData("efficientnet_b0", 5_288_548)]
    [InlineData("convnext_tiny", 28_589_128)]
    public void ParameterCountMatchesTorchvisionAt1000Classes(string arch, long expected)
    {
        using var model = TorchVisionArchs.Create(arch, 1000);
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }

    // ExpectedKeys/{arch}.txt lists torchvision's state dict (key and shape, one per line) for 1000 classes.
    [Theory]
    [MemberData(nameof(Archs))]
    public void StateDictHasTorchvisionKeysAndShapes(string arch)
    {
        var expected = File.ReadAllLines(Path.Combine(SourceFolder(), "ExpectedKeys", arch + ".txt"))
            .Where(l => l.Length > 0)
            .Order(StringComparer.Ordinal)
            .ToList();
        using var model = TorchVisionArchs.Create(arch, 1000);
        var actual = model.state_dict()
            .Select(kv => $"{kv.Key} [{string.Join(", ", kv.Value.shape)}]")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Archs))]
    public void TenClassHeadGivesTenLogitsOnASmallImage(string arch)
    {
        torch.manual_seed(7);
        using var model = TorchVisionArchs.Create(arch, 10);
        model.eval();
        using var input = randn(2, 3, 32, 32);
        using var output = model.call(input);
        Assert.Equal(new long[] { 2, 10 }, output.shape);
        Assert.True(output.isfinite().all().item<bool>());
        var heads = model.state_dict().Where(kv => TorchVisionArchs.HeadKeys(arch).Contains(kv.Key)).ToList();
        Assert.Equal(2, heads.Count);
        Assert.All(heads, kv => Assert.Equal(10, kv.Value.shape[0]));
    }

    [Fact]
    public void TrainingStepRunsThroughStochasticDepthAndNorms()
    {
        torch.manual_seed(3);
        using var model = TorchVisionArchs.Create("efficientnet_b0", 4);
        model.train();
        using var input = randn(2, 3, 32, 32);
        using var loss = model.call(input).square().mean();
        loss.backward();
        Assert.All(model.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void UnknownArchListsTheValidNames()
    {
        var error = Assert.Throws<TorchVisionModelException>(() => TorchVisionArchs.Create("resnet19", 10));
        Assert.Contains("'resnet19'", error.Message);
        Assert.All(TorchVisionArchs.Names, name => Assert.Contains(name, error.Message));
    }

    [Fact]
    public void ZeroClassesIsRejected()
    {
        var error = Assert.Throws<TorchVisionModelException>(() => TorchVisionArchs.Create("resnet18", 0));
        Assert.Contains("at least 1", error.Message);
    }

    private static string SourceFolder([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
