using MicroBackbone.Compiler.Checkpoints;

namespace MicroBackbone.Compiler.Tests.Checkpoints;

public class CheckpointNamesTests
{
    [Theory]
    [InlineData("edge_small", "best", "microsignedge_edge_small_best.pth")]
    [InlineData("edge_nano", "last", "microsignedge_edge_nano_last.pth")]
    [InlineData("resnet18", "best", "resnet18_best.pth")]
    [InlineData("mobilenet_v2", "epoch_12", "mobilenet_v2_epoch_12.pth")]
    public void FileNamesEmbedTheArch(string arch, string tag, string expected)
    {
        Assert.Equal(expected, CheckpointNames.FileName(arch, tag));
    }

    [Fact]
    public void PathsDefaultToOutputsCheckpoints()
    {
        Assert.Equal(Path.Combine("outputs/checkpoints", "resnet18_best.pth"), CheckpointNames.PathFor("resnet18"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Edge Small")]
    [InlineData("../x")]
    public void NamesThatCouldEscapeTheFolderAreRefused(string arch)
    {
        Assert.Throws<ArgumentException>(() => CheckpointNames.FileName(arch));
    }
}
