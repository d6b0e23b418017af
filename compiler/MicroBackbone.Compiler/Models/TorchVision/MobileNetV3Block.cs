using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>One row of torchvision's MobileNetV3 block table (width multiplier 1, no dilation).</summary>
internal readonly record struct MobileNetV3BlockSpec(long In, long Kernel, long Expanded, long Out, bool UseSe, bool UseHardswish, long Stride);

/// <summary>
/// MobileNetV3 inverted residual (torchvision InvertedResidual): optional 1x1 expand, depthwise k x k, optional
/// squeeze-excitation (squeeze = make_divisible(expanded/4, 8), ReLU, Hardsigmoid gate), 1x1 project; residual when
/// the block keeps shape. Activation is ReLU or Hardswish per the table. Keys: <c>block.{i}.*</c>.
/// </summary>
internal sealed class MobileNetV3Block : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Sequential block;
#pragma warning restore IDE1006
    private readonly bool useResidual;

    /// <summary>Creates the block from its table row.</summary>
    public MobileNetV3Block(MobileNetV3BlockSpec spec, Func<long, nn.Module<Tensor, Tensor>> norm)
        : base(nameof(MobileNetV3Block))
    {
        useResidual = spec.Stride == 1 && spec.In == spec.Out;
        Func<nn.Module<Tensor, Tensor>> activation = spec.UseHardswish ? () => nn.Hardswish() : () => nn.ReLU();
        var layers = new List<nn.Module<Tensor, Tensor>>();
        if (spec.Expanded != spec.In)
        {
            layers.Add(Conv2dNormActivation.Create(spec.In, spec.Expanded, 1, norm, activation));
        }

        layers.Add(Conv2dNormActivation.Create(spec.Expanded, spec.Expanded, spec.Kernel, norm, activation, stride: spec.Stride, groups: spec.Expanded));
        if (spec.UseSe)
        {
            var squeeze = ChannelRounding.MakeDivisible(spec.Expanded / 4);
            layers.Add(new SqueezeExcitation(spec.Expanded, squeeze, () => nn.ReLU(), () => nn.Hardsigmoid()));
        }

        layers.Add(Conv2dNormActivation.Create(spec.Expanded, spec.Out, 1, norm, activation: null));
        block = nn.Sequential(layers);
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
        return (block.call(input) + input).MoveToOuterDisposeScope();
    }
}
