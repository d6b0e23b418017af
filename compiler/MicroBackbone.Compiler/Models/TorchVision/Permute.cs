using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>Parameterless dimension permutation, a Sequential slot in ConvNeXt blocks (torchvision.ops.Permute).</summary>
internal sealed class Permute : nn.Module<Tensor, Tensor>
{
    private readonly long[] dims;

    /// <summary>Creates the permutation.</summary>
    public Permute(params long[] dims)
        : base(nameof(Permute))
    {
        this.dims = dims;
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => input.permute(dims);
}
