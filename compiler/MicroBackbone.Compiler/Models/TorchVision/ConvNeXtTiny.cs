using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// ConvNeXt-Tiny with torchvision's module tree and state-dict names: <c>features.0</c> 4x4/4 patchify stem
/// (conv with bias + LayerNorm2d), stages at <c>features.1/3/5/7</c> (3, 3, 9, 3 blocks of width 96/192/384/768),
/// downsamplers at <c>features.2/4/6</c> (LayerNorm2d + 2x2/2 conv), head <c>classifier.0</c> LayerNorm2d,
/// <c>classifier.1</c> Flatten, <c>classifier.2</c> Linear. All norms use eps 1e-6.
/// </summary>
public sealed class ConvNeXtTiny : nn.Module<Tensor, Tensor>
{
    private const double NormEps = 1e-6;

    // (width, next stage width or 0 for the last stage, blocks)
    private static readonly (long Width, long Next, int Blocks)[] Stages =
    [
        (96, 192, 3),
        (192, 384, 3),
        (384, 768, 9),
        (768, 0, 3),
    ];

#pragma warning disable IDE1006
    private readonly Sequential features;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Sequential classifier;
#pragma warning restore IDE1006

    /// <summary>Creates the network with a <paramref name="numClasses"/>-way head and torchvision's initialization.</summary>
    /// <param name="numClasses">Classifier outputs.</param>
    /// <param name="stochasticDepthProb">Last-block drop probability, scaled linearly by block index (training only; torchvision tiny: 0.1).</param>
    /// <param name="layerScale">Initial per-channel residual scale.</param>
    public ConvNeXtTiny(int numClasses = 1000, double stochasticDepthProb = 0.1, double layerScale = 1e-6)
        : base(nameof(ConvNeXtTiny))
    {
        Func<long, nn.Module<Tensor, Tensor>> norm = c => new LayerNorm2d(c, NormEps);
        var layers = new List<nn.Module<Tensor, Tensor>>
        {
            Conv2dNormActivation.Create(3, Stages[0].Width, 4, norm, activation: null, stride: 4, padding: 0, bias: true),
        };

        var totalBlocks = Stages.Sum(s => s.Blocks);
        var blockId = 0;
        foreach (var stage in Stages)
        {
            var blocks = new List<nn.Module<Tensor, Tensor>>();
            for (var i = 0; i < stage.Blocks; i++)
            {
                var sdProb = stochasticDepthProb * blockId / (totalBlocks - 1.0);
                blocks.Add(new ConvNeXtBlock(stage.Width, layerScale, sdProb));
                blockId++;
            }

            layers.Add(nn.Sequential(blocks));
            if (stage.Next != 0)
            {
                layers.Add(nn.Sequential(norm(stage.Width), nn.Conv2d(stage.Width, stage.Next, 2, stride: 2)));
            }
        }

        var lastWidth = Stages[^1].Width;
        features = nn.Sequential(layers);
        avgpool = nn.AdaptiveAvgPool2d(1);
        classifier = nn.Sequential(norm(lastWidth), nn.Flatten(1), nn.Linear(lastWidth, numClasses));
        RegisterComponents();
        Initialize();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return classifier.call(avgpool.call(features.call(input))).MoveToOuterDisposeScope();
    }

    private void Initialize()
    {
        using var noGrad = no_grad();
        foreach (var module in modules())
        {
            var (weight, bias) = module switch
            {
                Conv2d conv => (conv.weight, conv.bias),
                Linear linear => (linear.weight, linear.bias),
                _ => (null, null),
            };
            if (weight is null)
            {
                continue;
            }

            TruncatedNormal.Fill(weight, std: 0.02);
            if (bias is not null)
            {
                nn.init.zeros_(bias);
            }
        }
    }
}
