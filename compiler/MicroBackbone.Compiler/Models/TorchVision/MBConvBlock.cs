using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// EfficientNet's inverted bottleneck (torchvision MBConv): optional 1x1 expand, depthwise k x k, squeeze-excitation
/// (squeeze = input/4, SiLU, Sigmoid gate), 1x1 project without activation; residual with stochastic depth when the
/// block keeps shape. Keys: <c>block.{i}.*</c>; stochastic depth has no parameters.
/// </summary>
internal sealed class MBConvBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Sequential block;
    private readonly nn.Module<Tensor, Tensor> stochastic_depth;
#pragma warning restore IDE1006
    private readonly bool useResidual;

    /// <summary>Creates the block; <paramref name="expandRatio"/> 1 skips the expand conv.</summary>
    public MBConvBlock(long inChannels, long outChannels, double expandRatio, long kernel, long stride, double stochasticDepthProb, Func<long, nn.Module<Tensor, Tensor>> norm)
        : base(nameof(MBConvBlock))
    {
        useResidual = stride == 1 && inChannels == outChannels;
        var expanded = ChannelRounding.MakeDivisible(inChannels * expandRatio);
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (expanded != inChannels)
        {
            layers.Add(Conv2dNormActivation.Create(inChannels, expanded, 1, norm, () => nn.SiLU()));
        }

        layers.Add(Conv2dNormActivation.Create(expanded, expanded, kernel, norm, () => nn.SiLU(), stride: stride, groups: expanded));
        layers.Add(new SqueezeExcitation(expanded, Math.Max(1, inChannels / 4), () => nn.SiLU(), () => nn.Sigmoid()));
        layers.Add(Conv2dNormActivation.Create(expanded, outChannels, 1, norm, activation: null));
        block = nn.Sequential(layers);
        stochastic_depth = torchvision.ops.StochasticDepth(stochasticDepthProb, torchvision.StochasticDepth.Mode.Row);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        if (!useResidual)
        {
            return block.call(input);
        }

        using var scope = NewDisposeScope();
        var result = stochastic_depth.call(block.call(input)) + input;
        return result.MoveToOuterDisposeScope();
    }
}
