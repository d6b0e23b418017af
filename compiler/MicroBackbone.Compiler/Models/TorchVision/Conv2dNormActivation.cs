using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// Builds torchvision's conv -> norm -> activation unit. It is a plain Sequential so the state-dict keys are
/// <c>0.*</c> (conv), <c>1.*</c> (norm) and, when present, the parameterless activation at index 2.
/// </summary>
internal static class Conv2dNormActivation
{
    /// <summary>Creates the unit; the conv has a bias only when there is no norm, unless <paramref name="bias"/> says otherwise.</summary>
    public static Sequential Create(
        long inChannels,
        long outChannels,
        long kernelSize,
        Func<long, nn.Module<Tensor, Tensor>>? norm,
        Func<nn.Module<Tensor, Tensor>>? activation,
        long stride = 1,
        long groups = 1,
        long dilation = 1,
        long? padding = null,
        bool? bias = null)
    {
        // Same-size padding for odd kernels, widened by the dilation, as torchvision computes it.
        var pad = padding ?? (kernelSize - 1) / 2 * dilation;
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride, padding: pad, dilation: dilation,
                groups: groups, bias: bias ?? norm is null),
        };
        if (norm is not null)
        {
            layers.Add(norm(outChannels));
        }

        if (activation is not null)
        {
            layers.Add(activation());
        }

        return nn.Sequential(layers);
    }
}
