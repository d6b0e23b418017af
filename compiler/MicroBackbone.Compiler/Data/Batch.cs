using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Data;

/// <summary>One batch from a <see cref="BatchLoader"/>: float images NCHW and int64 labels. Dispose it after use.</summary>
public sealed class Batch : IDisposable
{
    internal Batch(Tensor images, Tensor labels, int count)
    {
        Images = images;
        Labels = labels;
        Count = count;
    }

    /// <summary>Normalised input images, shape [Count, C, H, W], float32.</summary>
    public Tensor Images { get; }

    /// <summary>Class indices, shape [Count], int64.</summary>
    public Tensor Labels { get; }

    /// <summary>Images in this batch (the last batch of an epoch may be smaller).</summary>
    public int Count { get; }

    /// <summary>Frees both tensors.</summary>
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
