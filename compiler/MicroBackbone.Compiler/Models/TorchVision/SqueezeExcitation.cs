using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// Channel attention as in torchvision.ops.SqueezeExcitation: global average pool, 1x1 conv down (<c>fc1</c>),
/// activation, 1x1 conv up (<c>fc2</c>), gate activation, multiply with the input.
/// </summary>
internal sealed class SqueezeExcitation : nn.Module<Tensor, Tensor>
{
    // Field names are the state-dict names; RegisterComponents uses them.
#pragma warning disable IDE1006
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Conv2d fc1;
    private readonly Conv2d fc2;
    private readonly nn.Module<Tensor, Tensor> activation;
    private readonly nn.Module<Tensor, Tensor> scale_activation;
#pragma warning restore IDE1006

    /// <summary>Creates the block; <paramref name="gate"/> is Sigmoid for EfficientNet, Hardsigmoid for MobileNetV3.</summary>
    public SqueezeExcitation(long inputChannels, long squeezeChannels, Func<nn.Module<Tensor, Tensor>> activation, Func<nn.Module<Tensor, Tensor>> gate)
        : base(nameof(SqueezeExcitation))
    {
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc1 = nn.Conv2d(inputChannels, squeezeChannels, 1);
        fc2 = nn.Conv2d(squeezeChannels, inputChannels, 1);
        this.activation = activation();
        scale_activation = gate();
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var scale = scale_activation.call(fc2.call(activation.call(fc1.call(avgpool.call(input)))));
        return (input * scale).MoveToOuterDisposeScope();
    }
}
