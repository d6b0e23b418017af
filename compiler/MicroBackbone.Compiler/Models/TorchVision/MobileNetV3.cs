using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// MobileNetV3 small/large with torchvision's module tree and state-dict names: <c>features.0</c> 3x3/2 stem
/// (Hardswish), one <c>features.{i}</c> per inverted residual, a final 1x1 conv to 6x the last width (Hardswish), then
/// <c>classifier.0</c> Linear, Hardswish, Dropout 0.2, <c>classifier.3</c> Linear. BatchNorm eps 1e-3, momentum 0.01.
/// TorchSharp's own MobileNetV3 is fixed at 1000 classes, hence this port.
/// </summary>
public sealed class MobileNetV3 : nn.Module<Tensor, Tensor>
{
    private static readonly MobileNetV3BlockSpec[] LargeBlocks =
    [
        new(16, 3, 16, 16, false, false, 1),
        new(16, 3, 64, 24, false, false, 2),
        new(24, 3, 72, 24, false, false, 1),
        new(24, 5, 72, 40, true, false, 2),
        new(40, 5, 120, 40, true, false, 1),
        new(40, 5, 120, 40, true, false, 1),
        new(40, 3, 240, 80, false, true, 2),
        new(80, 3, 200, 80, false, true, 1),
        new(80, 3, 184, 80, false, true, 1),
        new(80, 3, 184, 80, false, true, 1),
        new(80, 3, 480, 112, true, true, 1),
        new(112, 3, 672, 112, true, true, 1),
        new(112, 5, 672, 160, true, true, 2),
        new(160, 5, 960, 160, true, true, 1),
        new(160, 5, 960, 160, true, true, 1),
    ];

    private static readonly MobileNetV3BlockSpec[] SmallBlocks =
    [
        new(16, 3, 16, 16, true, false, 2),
        new(16, 3, 72, 24, false, false, 2),
        new(24, 3, 88, 24, false, false, 1),
        new(24, 5, 96, 40, true, true, 2),
        new(40, 5, 240, 40, true, true, 1),
        new(40, 5, 240, 40, true, true, 1),
        new(40, 5, 120, 48, true, true, 1),
        new(48, 5, 144, 48, true, true, 1),
        new(48, 5, 288, 96, true, true, 2),
        new(96, 5, 576, 96, true, true, 1),
        new(96, 5, 576, 96, true, true, 1),
    ];

#pragma warning disable IDE1006
    private readonly Sequential features;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Sequential classifier;
#pragma warning restore IDE1006

    /// <summary>Creates MobileNetV3-Large or -Small with a <paramref name="numClasses"/>-way head and torchvision's initialization.</summary>
    /// <param name="large">True for the large variant (last channel 1280), false for small (1024).</param>
    /// <param name="numClasses">Classifier outputs.</param>
    /// <param name="dropout">Dropout inside the classifier (torchvision: 0.2).</param>
    public MobileNetV3(bool large, int numClasses = 1000, double dropout = 0.2)
        : base(large ? "MobileNetV3Large" : "MobileNetV3Small")
    {
        var specs = large ? LargeBlocks : SmallBlocks;
        var lastChannel = large ? 1280 : 1024;
        Func<long, nn.Module<Tensor, Tensor>> norm = c => nn.BatchNorm2d(c, eps: 1e-3, momentum: 0.01);
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            Conv2dNormActivation.Create(3, specs[0].In, 3, norm, () => nn.Hardswish(), stride: 2),
        };
        layers.AddRange(specs.Select(spec => new MobileNetV3Block(spec, norm)));
        var lastIn = specs[^1].Out;
        var lastOut = 6 * lastIn;
        layers.Add(Conv2dNormActivation.Create(lastIn, lastOut, 1, norm, () => nn.Hardswish()));
        features = nn.Sequential(layers);
        avgpool = nn.AdaptiveAvgPool2d(1);
        classifier = nn.Sequential(
            nn.Linear(lastOut, lastChannel),
            nn.Hardswish(),
            nn.Dropout(dropout),
            nn.Linear(lastChannel, numClasses));
        RegisterComponents();
        Initialize();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = avgpool.call(features.call(input)).flatten(1);
        return classifier.call(pooled).MoveToOuterDisposeScope();
    }

    private void Initialize()
    {
        using var noGrad = no_grad();
        foreach (var module in modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut);
                    if (conv.bias is not null)
                    {
                        nn.init.zeros_(conv.bias);
                    }

                    break;
                case BatchNorm2d bn:
                    nn.init.ones_(bn.weight);
                    nn.init.zeros_(bn.bias);
                    break;
                case Linear linear:
                    nn.init.normal_(linear.weight, 0, 0.01);
                    if (linear.bias is not null)
                    {
                        nn.init.zeros_(linear.bias);
                    }

                    break;
            }
        }
    }
}
