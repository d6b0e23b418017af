using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// LayerNorm over the channel dimension of an NCHW tensor (ConvNeXt's LayerNorm2d): permute to NHWC, normalize the
/// last dimension with <c>weight</c>/<c>bias</c>, permute back.
/// </summary>
internal sealed class LayerNorm2d : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006
    private readonly Parameter weight;
    private readonly Parameter bias;
#pragma warning restore IDE1006
    private readonly long channels;
    private readonly double eps;

    /// <summary>Creates the norm with unit scale and zero shift.</summary>
    public LayerNorm2d(long channels, double eps)
        : base(nameof(LayerNorm2d))
    {
        this.channels = channels;
        this.eps = eps;
        weight = new Parameter(ones(channels));
        bias = new Parameter(zeros(channels));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var nhwc = input.permute(0, 2, 3, 1);
        var normed = nn.functional.layer_norm(nhwc, [channels], weight, bias, eps);
        return normed.permute(0, 3, 1, 2).MoveToOuterDisposeScope();
    }
}
