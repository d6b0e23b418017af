using MicroBackbone.Compiler.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Checkpoints;

public class CheckpointRoundTripTests
{
    [Fact]
    public void AModuleSavedAndLoadedIntoAFreshOneGivesIdenticalOutputs()
    {
        using var folder = new TempFolder();
        string path = folder.File("tiny.pth");
        using TinyNet original = TinyNet.Seeded(1);
        CheckpointFile.Save(path, original, SampleMetadata.Create());

        using TinyNet restored = TinyNet.Seeded(2);
        CheckpointMetadata? metadata = CheckpointFile.LoadInto(path, restored);
        restored.eval();

        torch.manual_seed(3);
        using Tensor input = torch.randn(2, 3, 5, 5);
        using Tensor expected = original.forward(input);
        using Tensor actual = restored.forward(input);
        Assert.Equal(expected.data<float>().ToArray(), actual.data<float>().ToArray());
        Assert.Equal(5L, restored.state_dict()["bn.num_batches_tracked"].item<long>());
        Assert.NotNull(metadata);
        Assert.Equal("edge_nano", metadata.Arch);
    }

    [Fact]
    public void MetadataIsPreservedFieldByField()
    {
        using var folder = new TempFolder();
        string path = folder.File("meta.pth");
        using TinyNet net = TinyNet.Seeded(1);
        CheckpointMetadata written = SampleMetadata.Create() with { QuantizationJson = "{\"scheme\":\"int8\",\"layers\":[]}" };
        CheckpointFile.Save(path, net, written);

        using Checkpoint read = CheckpointFile.Load(path);
        Assert.True(read.HasOwnMetadata);
        CheckpointMetadata m = read.Metadata;
        Assert.Equal(("edge_nano", "train", 3, new InputShape(3, 5, 5)), (m.Arch, m.Variant, m.NumClasses, m.InputShape));
        Assert.Equal(SampleMetadata.ConfigYaml, m.ConfigYaml);
        Assert.Equal(written.QuantizationJson, m.QuantizationJson);
        Assert.Equal(["accuracy", "best", "dataset", "epoch"], m.Extras.Keys);
        Assert.Equal(12L, m.Extras["epoch"]);
        Assert.Equal(0.8125, m.Extras["accuracy"]);
        Assert.Equal(true, m.Extras["best"]);
        Assert.Equal("gtsrb-mini", m.Extras["dataset"]);
    }

    [Fact]
    public void LoadedTensorsMatchTheModuleStateDictInKeysShapesTypesAndValues()
    {
        using var folder = new TempFolder();
        string path = folder.File("values.pth");
        using TinyNet net = TinyNet.Seeded(4);
        CheckpointFile.Save(path, net, SampleMetadata.Create() with { QuantizationJson = null });

        using Checkpoint read = CheckpointFile.Load(path);
        Assert.Null(read.Metadata.QuantizationJson);
        var expected = net.state_dict();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), read.StateDict.Keys);
        foreach (var (key, tensor) in expected)
        {
            Tensor loaded = read.StateDict[key];
            Assert.Equal(tensor.dtype, loaded.dtype);
            Assert.Equal(tensor.shape, loaded.shape);
            Assert.True(tensor.equal(loaded).all().item<bool>(), $"values of {key} differ");
        }
    }

    [Fact]
    public void SavingTheSameWeightsTwiceGivesIdenticalBytes()
    {
        using var folder = new TempFolder();
        using TinyNet net = TinyNet.Seeded(5);
        CheckpointFile.Save(folder.File("a.pth"), net, SampleMetadata.Create());
        CheckpointFile.Save(folder.File("b.pth"), net, SampleMetadata.Create());
        Assert.Equal(File.ReadAllBytes(folder.File("a.pth")), File.ReadAllBytes(folder.File("b.pth")));
    }

    [Fact]
    public void TheFileUsesPyTorchsZipLayout()
    {
        using var folder = new TempFolder();
        string path = folder.File("layout.pth");
        using TinyNet net = TinyNet.Seeded(6);
        CheckpointFile.Save(path, net, SampleMetadata.Create());

        using var zip = System.IO.Compression.ZipFile.OpenRead(path);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal("archive/data.pkl", names[0]);
        Assert.Contains("archive/byteorder", names);
        Assert.Equal("archive/version", names[^1]);
        Assert.Equal(net.state_dict().Count, names.Count(n => n.StartsWith("archive/data/", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }
}
