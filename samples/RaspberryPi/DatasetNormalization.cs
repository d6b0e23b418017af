namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>
/// What a model saw in training for one dataset: the images' native size, the per-channel mean and std that
/// normalise a pixel as (v/255 - mean)/std, and the class names. Values copied from
/// compiler/MicroBackbone.Compiler/config/datasets.yaml so the app runs on a device without the compiler or its config
/// (a test checks they stay equal).
/// </summary>
/// <param name="Name">The dataset name as datasets.yaml spells it.</param>
/// <param name="NativeSize">Side of the dataset's square images (28 for Fashion-MNIST); larger inputs are scaled to fit it.</param>
/// <param name="Mean">Per channel mean over the training images, on the 0..1 scale (one entry: grayscale; three: RGB).</param>
/// <param name="Std">Per channel standard deviation, on the 0..1 scale.</param>
/// <param name="ClassNames">Labels in class index order (used when the model file has none).</param>
public sealed record DatasetNormalization(string Name, int NativeSize, IReadOnlyList<double> Mean, IReadOnlyList<double> Std, IReadOnlyList<string> ClassNames)
{
    /// <summary>Fashion-MNIST: 28x28 grayscale, mean 0.2860, std 0.3530.</summary>
    public static DatasetNormalization FashionMnist { get; } = new("fashion-mnist", 28, [0.2860], [0.3530],
        ["t-shirt/top", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"]);

    /// <summary>CIFAR-10: 32x32 RGB.</summary>
    public static DatasetNormalization Cifar10 { get; } = new("cifar10", 32, [0.4914, 0.4822, 0.4465], [0.2470, 0.2435, 0.2616],
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]);

    /// <summary>The datasets this app knows, by name.</summary>
    public static IReadOnlyList<DatasetNormalization> Known { get; } = [FashionMnist, Cifar10];

    /// <summary>Channels of the images (1 gray, 3 RGB).</summary>
    public int Channels => Mean.Count;

    /// <summary>The known dataset called <paramref name="name"/>, or null.</summary>
    public static DatasetNormalization? Find(string name) =>
        Known.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
}
