using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// Truncated-normal weight init by rejection. TorchSharp 0.107's <c>nn.init.trunc_normal_</c> (inverse-CDF method)
/// occasionally yields non-finite values in large tensors, which poisons a whole ConvNeXt forward pass.
/// </summary>
internal static class TruncatedNormal
{
    /// <summary>Fills <paramref name="tensor"/> from N(0, std²) restricted to [low, high] (absolute bounds, as in PyTorch).</summary>
    public static void Fill(Tensor tensor, double std, double low = -2, double high = 2)
    {
        using var noGrad = no_grad();
        nn.init.normal_(tensor, 0, std);
        while (true)
        {
            using var outside = tensor.lt(low).logical_or_(tensor.gt(high));
            if (!outside.any().item<bool>())
            {
                return;
            }

            using var redraw = empty_like(tensor).normal_(0, std);
            tensor.copy_(where(outside, redraw, tensor));
        }
    }
}
