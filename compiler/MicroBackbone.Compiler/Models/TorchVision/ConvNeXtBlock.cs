using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// ConvNeXt block (torchvision CNBlock). <c>block</c> slots: 0 depthwise 7x7 conv (bias), 1 permute to NHWC,
/// 2 LayerNorm (eps 1e-6), 3 Linear dim->4dim, 4 GELU, 5 Linear 4dim->dim, 6 permute back. The output is scaled per
/// channel by <c>layer_scale</c> (shape dim x 1 x 1), passed through stochastic depth and added to the input.
/// </summary>
internal sealed class ConvNeXtBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Sequential block;
    private readonly Parameter layer_scale;
    private readonly nn.Module<Tensor, Tensor> stochastic_depth;
#pragma warning restore IDE1006

    /// <summary>Creates the block with layer scale initialised to <paramref name="layerScale"/>.</summary>
    public ConvNeXtBlock(long dim, double layerScale, double stochasticDepthProb)
        : base(nameof(ConvNeXtBlock))
    {
        block = nn.Sequential(
            nn.Conv2d(dim, dim, 7, padding: 3, groups: dim, bias: true),
            new Permute(0, 2, 3, 1),
            nn.LayerNorm(dim, eps: 1e-6),
            nn.Linear(dim, 4 * dim),
            nn.GELU(),
            nn.Linear(4 * dim, dim),
            new Permute(0, 3, 1, 2));
        layer_scale = new Parameter(full(dim, 1, 1, layerScale));
        stochastic_depth = torchvision.ops.StochasticDepth(stochasticDepthProb, torchvision.StochasticDepth.Mode.Row);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var result = stochastic_depth.call(layer_scale * block.call(input)) + input;
        return result.MoveToOuterDisposeScope();
    }
}
