using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// EfficientNet-B0 with torchvision's module tree and state-dict names (<c>features.0</c> stem,
/// <c>features.1..7</c> MBConv stages, <c>features.8</c> 1x1 head conv, <c>classifier.1</c> Linear), so a PyTorch
/// <c>efficientnet_b0</c> state dict loads unchanged. BatchNorm uses PyTorch defaults (eps 1e-5, momentum 0.1).
/// </summary>
public sealed class EfficientNetB0 : nn.Module<Tensor, Tensor>
{
    // (expand ratio, kernel, stride, in, out, layers) per stage: width and depth multipliers are 1.0 for B0.
    private static readonly (double Expand, long Kernel, long Stride, long In, long Out, int Layers)[] Stages =
    [
        (1, 3, 1, 32, 16, 1),
        (6, 3, 2, 16, 24, 2),
        (6, 5, 2, 24, 40, 2),
        (6, 3, 2, 40, 80, 3),
        (6, 5, 1, 80, 112, 3),
        (6, 5, 2, 112, 192, 4),
        (6, 3, 1, 192, 320, 1),
    ];

#pragma warning disable IDE1006
    private readonly Sequential features;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Sequential classifier;
#pragma warning restore IDE1006

    /// <summary>Creates the network with a <paramref name="numClasses"/>-way head and torchvision's initialization.</summary>
    /// <param name="numClasses">Classifier outputs.</param>
    /// <param name="dropout">Dropout before the classifier (torchvision B0: 0.2).</param>
    /// <param name="stochasticDepthProb">Final-block drop probability, scaled linearly by block index (training only).</param>
    public EfficientNetB0(int numClasses = 1000, double dropout = 0.2, double stochasticDepthProb = 0.2)
        : base(nameof(EfficientNetB0))
    {
        Func<long, nn.Module<Tensor, Tensor>> norm = c => nn.BatchNorm2d(c);
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            Conv2dNormActivation.Create(3, Stages[0].In, 3, norm, () => nn.SiLU(), stride: 2),
        };

        var totalBlocks = Stages.Sum(s => s.Layers);
        var blockId = 0;
        foreach (var stage in Stages)
        {
            var blocks = new List<nn.Module<Tensor, Tensor>>();
            for (var i = 0; i < stage.Layers; i++)
            {
                // Only the first block of a stage changes width or resolution.
                var inChannels = i == 0 ? stage.In : stage.Out;
                var stride = i == 0 ? stage.Stride : 1;
                var sdProb = stochasticDepthProb * blockId / totalBlocks;
                blocks.Add(new MBConvBlock(inChannels, stage.Out, stage.Expand, stage.Kernel, stride, sdProb, norm));
                blockId++;
            }

            layers.Add(nn.Sequential(blocks));
        }

        var lastIn = Stages[^1].Out;
        var lastOut = 4 * lastIn;
        layers.Add(Conv2dNormActivation.Create(lastIn, lastOut, 1, norm, () => nn.SiLU()));
        features = nn.Sequential(layers);
        avgpool = nn.AdaptiveAvgPool2d(1);
        classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(lastOut, numClasses));
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
                    var range = 1.0 / Math.Sqrt(linear.out_features);
                    nn.init.uniform_(linear.weight, -range, range);
                    if (linear.bias is not null)
                    {
                        nn.init.zeros_(linear.bias);
                    }

                    break;
            }
        }
    }
}
