using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Optimization;

/// <summary>
/// Folds an eval-mode BatchNorm into the convolution before it. With <c>s = gamma / sqrt(running_var + eps)</c> per
/// output channel: <c>w' = w * s</c> and <c>b' = beta + (b - running_mean) * s</c> (b = 0 for a conv without bias).
/// The arithmetic runs in float64 and is rounded to float32 once, so the folded conv matches conv + BN to float32
/// rounding.
/// </summary>
public static class BatchNormFolding
{
    /// <summary>
    /// The folded weight and bias of a conv (weight <c>[O, ...]</c>, optional bias <c>[O]</c>) followed by
    /// <paramref name="bn"/>. New float32 tensors; the inputs are not changed.
    /// </summary>
    /// <exception cref="ArgumentException">The BN's channel count differs from the weight's output channels, or it has no running statistics.</exception>
    public static (Tensor Weight, Tensor Bias) Fold(Tensor weight, Tensor? bias, BatchNorm2d bn)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long outChannels = weight.shape[0];
        (Tensor scale, Tensor shift) = ScaleAndShift(bn, outChannels);
        long[] perChannel = new long[weight.dim()];
        Array.Fill(perChannel, 1L);
        perChannel[0] = outChannels;
        Tensor w = weight.detach().to(float64) * scale.reshape(perChannel);
        Tensor b = bias is null ? zeros(outChannels, float64) : bias.detach().to(float64);
        Tensor foldedBias = b * scale + shift;
        return (w.to(float32).contiguous().MoveToOuterDisposeScope(), foldedBias.to(float32).contiguous().MoveToOuterDisposeScope());
    }

    /// <summary>
    /// A new <see cref="Conv2d"/> with bias computing <c>bn(conv(x))</c> in eval mode: same channels, kernel, stride,
    /// padding, dilation and groups as <paramref name="conv"/>.
    /// </summary>
    public static Conv2d FoldIntoConv(Conv2d conv, BatchNorm2d bn)
    {
        (Tensor weight, Tensor bias) = Fold(conv.weight!, conv.bias, bn);
        using (weight)
        using (bias)
        {
            return ConvWith(conv, weight, bias);
        }
    }

    /// <summary>
    /// The eval-mode BN as an affine map per channel: <c>bn(x) = x * scale + shift</c>, both float64 <c>[C]</c>.
    /// </summary>
    internal static (Tensor Scale, Tensor Shift) ScaleAndShift(BatchNorm2d bn, long channels)
    {
        Tensor mean = bn.running_mean ?? throw new ArgumentException("BatchNorm has no running mean (track_running_stats is off)");
        Tensor variance = bn.running_var ?? throw new ArgumentException("BatchNorm has no running variance (track_running_stats is off)");
        if (mean.shape[0] != channels)
        {
            throw new ArgumentException($"BatchNorm over {mean.shape[0]} channels cannot fold into a conv with {channels} outputs");
        }
        Tensor gamma = bn.weight is null ? ones(channels, float64) : bn.weight.detach().to(float64);
        Tensor beta = bn.bias is null ? zeros(channels, float64) : bn.bias.detach().to(float64);
        Tensor scale = gamma / (variance.detach().to(float64) + bn.eps).sqrt();
        Tensor shift = beta - mean.detach().to(float64) * scale;
        return (scale, shift);
    }

    /// <summary>A conv shaped like <paramref name="template"/> holding <paramref name="weight"/> and <paramref name="bias"/>.</summary>
    internal static Conv2d ConvWith(Conv2d template, Tensor weight, Tensor bias)
    {
        var conv = nn.Conv2d(template.in_channels, template.out_channels, template.kernel_size[0],
            stride: template.stride[0], padding: template.padding![0], dilation: template.dilation[0],
            groups: template.groups, bias: true);
        using (no_grad())
        {
            conv.weight!.copy_(weight);
            conv.bias!.copy_(bias);
        }
        return conv;
    }
}
