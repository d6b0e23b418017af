using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Platform;

/// <summary>Proves the native libtorch backend loads here (on Debian 12 only after the GLIBCXX patch).</summary>
public class TorchSharpLoadTests
{
    [Fact]
    public void TensorArithmeticRunsOnTheNativeBackend()
    {
        using Tensor a = tensor(new float[] { 1, 2, 3 });
        using Tensor b = a * 2 + 1;
        Assert.Equal(new float[] { 3, 5, 7 }, b.data<float>().ToArray());
    }

    [Fact]
    public void AConvolutionRunsForwardAndBackward()
    {
        torch.manual_seed(1);
        using var conv = nn.Conv2d(3, 4, 3, padding: 1);
        using Tensor x = randn(2, 3, 8, 8, requires_grad: true);
        using Tensor y = conv.forward(x);
        using Tensor loss = y.sum();
        loss.backward();
        Assert.Equal(new long[] { 2, 4, 8, 8 }, y.shape);
        Assert.NotNull(x.grad);
    }
}
