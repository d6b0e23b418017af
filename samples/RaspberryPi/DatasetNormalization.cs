namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>
/// What the model saw in training for one dataset: the images' native size and the per-channel mean and std that
/// normalise a pixel as (v/255 - mean)/std. Values copied from compiler/MicroBackbone.Compiler/config/datasets.yaml so
/// the app runs on a device without the compiler or its config.
/// </summary>
/// <param name="Name">The dataset name as datasets.yaml spells it.</param>
/// <param name="NativeSize">Side of the dataset's square images (28 for Fashion-MNIST); larger inputs are scaled to fit it.</param>
/// <param name="Mean">Mean of the grayscale channel over the training images, on the 0..1 scale.</param>
/// <param name="Std">Standard deviation of the grayscale channel, on the 0..1 scale.</param>
public sealed record DatasetNormalization(string Name, int NativeSize, double Mean, double Std)
{
    /// <summary>Fashion-MNIST: 28x28 grayscale, mean 0.2860, std 0.3530.</summary>
    public static DatasetNormalization FashionMnist { get; } = new("fashion-mnist", 28, 0.2860, 0.3530);

    /// <summary>The datasets this app knows, by name.</summary>
    public static IReadOnlyList<DatasetNormalization> Known { get; } = [FashionMnist];

    /// <summary>The known dataset called <paramref name="name"/>, or null.</summary>
    public static DatasetNormalization? Find(string name) =>
        Known.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
