using MicroBackbone.Compiler.Checkpoints;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Checkpoints;

/// <summary>Reads checkpoints written by PyTorch 1.13 (Fixtures/make_fixtures.py).</summary>
public class PyTorchFixtureTests
{
    private static readonly CheckpointMetadata Defaults =
        new("tiny_net", "train", 3, new InputShape(3, 5, 5), "arch: tiny_net\n");

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Fixtures", name);

    [Fact]
    public void APlainStateDictLoadsIntoTheModuleAndReproducesPyTorchsOutput()
    {
        using var net = new TinyNet();
        CheckpointMetadata? metadata = CheckpointFile.LoadInto(Fixture("plain_state_dict.pth"), net);
        Assert.Null(metadata);
        net.eval();
        AssertMatchesPyTorch(net);
        Assert.Equal(7L, net.state_dict()["bn.num_batches_tracked"].item<long>());
    }

    [Fact]
    public void APlainStateDictTakesItsMetadataFromTheDefaults()
    {
        using Checkpoint checkpoint = CheckpointFile.Load(Fixture("plain_state_dict.pth"), Defaults);
        Assert.False(checkpoint.HasOwnMetadata);
        Assert.Same(Defaults, checkpoint.Metadata);
        Assert.Equal(9, checkpoint.StateDict.Count);
        Assert.Equal(new long[] { 4, 3, 3, 3 }, checkpoint.StateDict["conv.weight"].shape);
        Assert.Equal(ScalarType.Int64, checkpoint.StateDict["bn.num_batches_tracked"].dtype);
    }

    [Fact]
    public void ANestedTrainingCheckpointYieldsItsStateDictAndScalarsAsExtras()
    {
        using Checkpoint checkpoint = CheckpointFile.Load(Fixture("nested_checkpoint.pth"), Defaults);
        Assert.False(checkpoint.HasOwnMetadata);
        Assert.Equal("tiny_net", checkpoint.Metadata.Arch);
        Assert.Equal(12L, checkpoint.Metadata.Extras["epoch"]);
        Assert.Equal(0.875, checkpoint.Metadata.Extras["best_acc"]);
        Assert.False(checkpoint.Metadata.Extras.ContainsKey("optimizer_state_dict"));
        Assert.Contains("fc.weight", checkpoint.StateDict.Keys);

        using var net = new TinyNet();
        CheckpointFile.LoadInto(Fixture("nested_checkpoint.pth"), net);
        net.eval();
        AssertMatchesPyTorch(net);
    }

    [Fact]
    public void APyTorchCheckpointWithoutDefaultsIsAClearError()
    {
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(Fixture("nested_checkpoint.pth")));
        Assert.Contains("nested_checkpoint.pth", error.Message);
        Assert.Contains("without MicroBackbone metadata", error.Message);
    }

    private static void AssertMatchesPyTorch(TinyNet net)
    {
        using Checkpoint reference = CheckpointFile.Load(Fixture("reference_io.pth"), Defaults);
        using Tensor actual = net.forward(reference.StateDict["input"]);
        float[] expected = reference.StateDict["output"].data<float>().ToArray();
        float[] got = actual.data<float>().ToArray();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - got[i]) < 1e-5, $"output {i}: PyTorch {expected[i]}, TorchSharp {got[i]}");
        }
    }
}
