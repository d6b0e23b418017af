using System.Collections;
using MicroBackbone.Compiler.Models.TorchVision;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Models.TorchVision;

/// <summary>Pretrained weights come from local PyTorch state-dict files only, never the classifier head.</summary>
public sealed class PretrainedWeightsTests : IDisposable
{
    private const string Arch = "mobilenet_v3_small";
    private readonly string folder = Directory.CreateTempSubdirectory("mbc-weights-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void LoadsTheBackboneAndLeavesTheNewHeadAlone()
    {
        torch.manual_seed(1);
        using var source = TorchVisionArchs.Create(Arch, 1000);
        var file = Path.Combine(folder, Arch + ".pth");
        source.save_py(file);
        torch.manual_seed(2);
        using var target = TorchVisionArchs.Create(Arch, 10);
        using var headBefore = target.state_dict()["classifier.3.weight"].clone();

        var report = PretrainedWeights.Load(target, Arch, file);

        var sourceState = source.state_dict();
        var targetState = target.state_dict();
        Assert.Equal(targetState.Count - 2, report.LoadedCount);
        Assert.Equal(new[] { "classifier.3.bias", "classifier.3.weight" }, report.SkippedHeadKeys);
        Assert.Empty(report.DefaultedKeys);
        Assert.True(targetState["features.0.0.weight"].equal(sourceState["features.0.0.weight"]).all().item<bool>());
        Assert.True(targetState["features.11.block.3.1.running_var"].equal(sourceState["features.11.block.3.1.running_var"]).all().item<bool>());
        Assert.True(targetState["classifier.0.weight"].equal(sourceState["classifier.0.weight"]).all().item<bool>());
        Assert.True(targetState["classifier.3.weight"].equal(headBefore).all().item<bool>());
        Assert.Equal(new long[] { 10, 1024 }, targetState["classifier.3.weight"].shape);
    }

    [Fact]
    public void AFileForAnotherArchListsMissingAndUnexpectedKeys()
    {
        using var other = TorchVisionArchs.Create("mobilenet_v3_large", 1000);
        var file = Path.Combine(folder, "large.pth");
        other.save_py(file);
        using var target = TorchVisionArchs.Create(Arch, 10);

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, Arch, file));

        Assert.StartsWith($"{file}: not a {Arch} state dict", error.Message);
        Assert.Contains("50 missing key(s): features.1.block.1.fc1.weight, ", error.Message);
        Assert.Contains("124 unexpected key(s): features.1.block.1.0.weight, ", error.Message);
        Assert.Contains("127 shape mismatch key(s): features.2.block.0.0.weight (file [64, 16, 1, 1], model [72, 16, 1, 1]), ", error.Message);
        Assert.Contains("... (119 more)", error.Message);
    }

    [Fact]
    public void AWrongShapeIsReportedWithBothShapes()
    {
        using var model = TorchVisionArchs.Create(Arch, 1000);
        var state = StateTable(model);
        state["features.0.0.weight"] = zeros(8, 3, 3, 3);
        var file = Path.Combine(folder, "bad.pth");
        PyTorchPickler.PickleStateDict(file, state);

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(model, Arch, file));

        Assert.Contains("1 shape mismatch key(s): features.0.0.weight (file [8, 3, 3, 3], model [16, 3, 3, 3])", error.Message);
        Assert.DoesNotContain("missing", error.Message);
    }

    [Fact]
    public void MissingBackboneKeysAreListed()
    {
        using var model = TorchVisionArchs.Create(Arch, 1000);
        var state = StateTable(model);
        state.Remove("features.1.block.0.0.weight");
        var file = Path.Combine(folder, "partial.pth");
        PyTorchPickler.PickleStateDict(file, state);

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(model, Arch, file));

        Assert.Contains("1 missing key(s): features.1.block.0.0.weight", error.Message);
    }

    [Fact]
    public void OldCheckpointsWithoutBatchNormCountersLoad()
    {
        using var model = TorchVisionArchs.Create(Arch, 1000);
        var state = StateTable(model);
        var counters = state.Keys.Cast<string>().Where(k => k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
        counters.ForEach(state.Remove);
        var file = Path.Combine(folder, "old.pth");
        PyTorchPickler.PickleStateDict(file, state);

        var report = PretrainedWeights.Load(model, Arch, file);

        Assert.Equal(34, counters.Count);
        Assert.Equal(counters.Order(StringComparer.Ordinal), report.DefaultedKeys.Order(StringComparer.Ordinal));
        Assert.Contains("34 num_batches_tracked counters absent", report.Summary);
    }

    [Fact]
    public void AFileThatIsNotAStateDictSaysHowToSaveOne()
    {
        var file = Path.Combine(folder, "junk.pth");
        File.WriteAllText(file, "not a pickle");
        using var model = TorchVisionArchs.Create(Arch, 10);

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(model, Arch, file));

        Assert.StartsWith($"{file}: not a readable PyTorch state dict", error.Message);
        Assert.Contains("torch.save(model.state_dict(), path)", error.Message);
    }

    [Fact]
    public void WithoutFileOrFolderTheErrorSaysNothingIsDownloaded()
    {
        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.ResolvePath("resnet18", null, null));

        Assert.Contains("never downloads", error.Message);
        Assert.Contains("--weights FILE", error.Message);
        Assert.Contains("MBC_WEIGHTS", error.Message);
        Assert.Contains("resnet18.pth", error.Message);
    }

    [Fact]
    public void AnExplicitFileWinsAndMustExist()
    {
        var file = Path.Combine(folder, "mine.pth");
        File.WriteAllText(file, "x");
        Assert.Equal(file, PretrainedWeights.ResolvePath("resnet18", file, "/nonexistent"));

        var missing = Path.Combine(folder, "absent.pth");
        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.ResolvePath("resnet18", missing, null));
        Assert.Equal($"--weights {missing}: file not found", error.Message);
    }

    [Fact]
    public void TheFolderIsSearchedForConventionalNames()
    {
        var hashed = Path.Combine(folder, "resnet18-f37072fd.pth");
        File.WriteAllText(hashed, "x");
        File.WriteAllText(Path.Combine(folder, "resnet50-0676ba61.pth"), "x");
        Assert.Equal(hashed, PretrainedWeights.ResolvePath("resnet18", null, folder));

        var plain = Path.Combine(folder, "resnet18.pth");
        File.WriteAllText(plain, "x");
        Assert.Equal(plain, PretrainedWeights.ResolvePath("resnet18", null, folder));

        File.WriteAllText(Path.Combine(folder, "resnet50-11ad3fa6.pth"), "x");
        var several = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.ResolvePath("resnet50", null, folder));
        Assert.Contains("several candidates for resnet50 (resnet50-0676ba61.pth, resnet50-11ad3fa6.pth)", several.Message);

        var none = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.ResolvePath("convnext_tiny", null, folder));
        Assert.Contains("no convnext_tiny.pth", none.Message);
    }

    [Fact]
    public void AMissingFolderOrUnknownArchIsAnError()
    {
        var folderError = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.ResolvePath("resnet18", null, Path.Combine(folder, "nope")));
        Assert.Contains("folder not found", folderError.Message);
        Assert.Throws<TorchVisionModelException>(() => PretrainedWeights.ResolvePath("vgg16", null, folder));
    }

    private static Hashtable StateTable(nn.Module model)
    {
        var table = new Hashtable();
        foreach (var (key, tensor) in model.state_dict())
        {
            table[key] = tensor;
        }

        return table;
    }
}
