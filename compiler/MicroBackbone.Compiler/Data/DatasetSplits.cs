using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Compiler.Data;

/// <summary>The decoded splits of one dataset.</summary>
/// <param name="Config">The dataset's entry in <c>datasets.yaml</c> (normalisation, classes, augmentation).</param>
/// <param name="Train">Training images (without the carved validation images).</param>
/// <param name="Validation">Validation images: the val split, or the images carved from train.</param>
/// <param name="Test">Test images, or null when the dataset has no test split.</param>
public sealed record DatasetSplits(DatasetConfig Config, ImageDataset Train, ImageDataset Validation, ImageDataset? Test);
