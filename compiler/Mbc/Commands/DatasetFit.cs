using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// Checks that a model can read a dataset before any image is read: the same number of classes (else labels beyond
/// the classifier's outputs fail deep inside the loss) and input channels the images can feed (1 to 3 replication
/// exists; 3 to 1 does not). Each mismatch is one <c>error:</c> line naming the flag that fixes it.
/// </summary>
internal static class DatasetFit
{
    /// <summary>Throws a <see cref="ConfigException"/> when <paramref name="spec"/> cannot be used on <paramref name="dataset"/>.</summary>
    /// <param name="spec">The model.</param>
    /// <param name="dataset">The dataset the verb is about to read.</param>
    /// <param name="checkpoint">The checkpoint the model came from, or null for a model built from flags.</param>
    public static void Check(ModelSpec spec, DatasetConfig dataset, string? checkpoint)
    {
        string model = checkpoint is null ? $"{spec.Arch}" : $"{checkpoint} ({spec.Arch})";
        if (spec.NumClasses != dataset.NumClasses)
        {
            throw new ConfigException(checkpoint is null
                ? $"--num-classes: {spec.Arch} would have {spec.NumClasses} outputs but dataset '{dataset.Name}' has {dataset.NumClasses} classes; expected the same count"
                : $"{model}: the model has {spec.NumClasses} outputs but dataset '{dataset.Name}' has {dataset.NumClasses} classes; "
                  + "name the dataset it was trained on with --dataset-config/--dataset (or leave both out to use the one the checkpoint records)");
        }
        if (dataset.Channels == 3 && spec.Input.Channels == 1)
        {
            throw new ConfigException(checkpoint is null
                ? $"--input-channels: dataset '{dataset.Name}' has RGB images (3 channels) but {spec.Arch} takes {spec.Input.Channels}; add --input-channels 3"
                : $"{model}: the model takes 1 input channel but dataset '{dataset.Name}' has RGB images (3 channels); "
                  + "name a grey dataset with --dataset-config/--dataset, or train with --input-channels 3");
        }
    }
}
