using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.IO;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Checkpoints;

/// <summary>Other people's checkpoint shapes, written with our zip writer so no Python is needed.</summary>
public class CheckpointLayoutTests
{
    private static readonly CheckpointMetadata Defaults =
        new("resnet18", "train", 3, new InputShape(3, 5, 5), "arch: resnet18\n");

    [Theory]
    [InlineData("model")]
    [InlineData("model_state_dict")]
    [InlineData("state_dict")]
    public void TheStateDictIsFoundUnderTheUsualKeys(string key)
    {
        using var folder = new TempFolder();
        string path = folder.File("nested.pth");
        using TinyNet net = TinyNet.Seeded(1);
        var root = new Dictionary<string, object>
        {
            [key] = net.state_dict().ToDictionary(p => p.Key, p => (object)p.Value),
            ["epoch"] = 3L,
            ["history"] = new List<object> { 0.5, 0.75 },
        };
        AtomicFile.Write(path, stream => TorchZipWriter.Write(stream, root));

        using Checkpoint checkpoint = CheckpointFile.Load(path, Defaults);
        Assert.Equal(9, checkpoint.StateDict.Count);
        Assert.Equal(3L, checkpoint.Metadata.Extras["epoch"]);
        Assert.False(checkpoint.Metadata.Extras.ContainsKey("history"));
    }

    [Fact]
    public void AFileWithoutAStateDictListsItsTopLevelKeys()
    {
        using var folder = new TempFolder();
        string path = folder.File("odd.pth");
        var root = new Dictionary<string, object> { ["weights"] = new List<object> { 1L }, ["epoch"] = 2L };
        AtomicFile.Write(path, stream => TorchZipWriter.Write(stream, root));

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path, Defaults));
        Assert.StartsWith($"{path}: no state dict found (top-level keys: 'epoch', 'weights')", error.Message);
    }

    [Fact]
    public void ANewerFormatVersionIsRefused()
    {
        using var folder = new TempFolder();
        string path = folder.File("future.pth");
        var root = CheckpointLayout.Build(new Dictionary<string, Tensor> { ["w"] = zeros(2) }, Defaults);
        ((Dictionary<string, object>)root[CheckpointLayout.MetadataKey])["format_version"] = 99L;
        AtomicFile.Write(path, stream => TorchZipWriter.Write(stream, root));

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path));
        Assert.Contains("metadata.format_version is 99", error.Message);
    }

    [Fact]
    public void MetadataTheReaderWouldRefuseIsNotWritten()
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.pth");
        var state = new Dictionary<string, Tensor> { ["w"] = zeros(2) };
        Assert.Throws<ArgumentException>(() => CheckpointFile.Save(path, state, Defaults with { NumClasses = 0 }));
        Assert.Throws<ArgumentException>(() => CheckpointFile.Save(path, state, Defaults with { Arch = "" }));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void UnsupportedExtraTypesAreRejectedWhenBuildingMetadata()
    {
        Assert.Throws<ArgumentException>(() => Defaults.WithExtra("when", DateTime.UnixEpoch));
    }
}
