using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Compiler.Data;

/// <summary>
/// What <see cref="Augmentation"/> turns a stored image into: the model's input shape, the random training
/// transforms, and the per-channel normalisation (mean/std of the stored channels, on pixels scaled to [0, 1]).
/// </summary>
/// <param name="Channels">Model input channels; a 1-channel image is replicated when this is 3.</param>
/// <param name="Height">Model input height; smaller images are zero-padded centred, larger ones resized (nearest).</param>
/// <param name="Width">Model input width.</param>
/// <param name="Mean">Mean per stored channel.</param>
/// <param name="Std">Standard deviation per stored channel.</param>
/// <param name="CropPadding">Training only: shift by up to this many pixels each way, exposing zero pixels.</param>
/// <param name="HorizontalFlip">Training only: mirror half of the images left-right.</param>
public sealed record AugmentationOptions(
    int Channels, int Height, int Width, IReadOnlyList<double> Mean, IReadOnlyList<double> Std, int CropPadding = 0,
    bool HorizontalFlip = false)
{
    /// <summary>The options for a model taking <paramref name="channels"/>x<paramref name="height"/>x<paramref name="width"/> input from <paramref name="dataset"/>.</summary>
    public static AugmentationOptions For(DatasetConfig dataset, int channels, int height, int width) =>
        new(channels, height, width, dataset.Mean, dataset.Std, dataset.Augmentation.CropPadding, dataset.Augmentation.HorizontalFlip);
}
