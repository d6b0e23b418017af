using MicroBackbone.Compiler.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Models;

public class RsdBlockTests
{
    private const double BnEps = 1e-5;

    [Fact]
    public void AStrideTwoBlockHasNoIdentityBranchAndNoResidual()
    {
        var shape = new BlockShape(0, 0, 8, 16, 16, 2, 2, 8, 4, 4);
        using var block = new RsdBlock(shape, seGroups: 2);
        using var scope = torch.NewDisposeScope();

        Tensor output = block.forward(randn(2, 8, 8, 8));

        Assert.Equal(new long[] { 2, 16, 4, 4 }, output.shape);
        Assert.Null(block.IdentityBn);
        Assert.NotNull(block.Expand);
        Assert.False(shape.HasResidual);
        Assert.Equal(new long[] { 16, 1, 3, 3 }, block.Depthwise.weight!.shape);
        Assert.Equal(new long[] { 4, 8, 1, 1 }, block.SqueezeExcite.Reduce.weight!.shape);
    }

    [Fact]
    public void TheIdentityBranchNormalizesTheShiftedTensorAndTheResidualAddsTheInput()
    {
        // Stride 1, 16 -> 16 channels, no expansion. Silence the depthwise branch, make the SE gate 0.5 and the
        // projection an identity: the block then computes x + 0.5 * relu(shift(x)) / (1 + eps) (two unit BNs).
        var shape = new BlockShape(0, 1, 16, 16, 16, 1, 1, 5, 5, 4);
        using var block = new RsdBlock(shape, seGroups: 4);
        block.eval();
        using (torch.no_grad())
        {
            block.Depthwise.weight!.zero_();
            block.SqueezeExcite.Reduce.weight!.zero_();
            block.SqueezeExcite.Reduce.bias!.zero_();
            block.SqueezeExcite.Expand.weight!.zero_();
            block.SqueezeExcite.Expand.bias!.zero_();
            block.Project.Conv.weight!.copy_(eye(16).reshape(16, 16, 1, 1));
        }
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        torch.manual_seed(3);
        Tensor x = randn(1, 16, 5, 5);

        Tensor output = block.forward(x);

        Tensor expected = x + 0.5 * nn.functional.relu(block.Shift.forward(x)) / (1 + BnEps);
        Assert.True(output.allclose(expected, rtol: 1e-5, atol: 1e-6));
        Assert.Null(block.Expand);
        Assert.NotNull(block.IdentityBn);
    }

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(3.0, 1.0)]
    [InlineData(-3.0, 0.0)]
    [InlineData(1.5, 0.75)]
    public void TheSqueezeExciteGateIsAHardSigmoidOfTheExpandOutput(double expandBias, double gate)
    {
        using var se = new GroupedSqueezeExcite(8, 4, 4);
        using (torch.no_grad())
        {
            se.Expand.weight!.zero_();
            se.Expand.bias!.fill_(expandBias);
        }
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        Tensor x = randn(2, 8, 3, 3);

        Tensor output = se.forward(x);

        Assert.True(output.allclose(x * gate, rtol: 1e-6, atol: 1e-7));
        Assert.Equal(new long[] { 4, 2, 1, 1 }, se.Reduce.weight!.shape);
        Assert.Equal(8 * 4 / 4 * 2 + 4 + 8, se.parameters().Sum(p => p.numel()));
    }
}
