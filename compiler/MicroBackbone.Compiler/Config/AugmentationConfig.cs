namespace MicroBackbone.Compiler.Config;

/// <summary>Training-time augmentation of a dataset (validation and test images are never augmented).</summary>
public sealed class AugmentationConfig
{
    /// <summary>Random crop: the image is shifted by up to this many pixels each way, exposed pixels are zero.</summary>
    public int CropPadding { get; set; }

    /// <summary>Mirror half of the images left-right.</summary>
    public bool HorizontalFlip { get; set; }
}
