namespace MicroBackbone.Compiler.Config;

/// <summary>The <c>model:</c> section of <c>model.yaml</c>: which variant to build and for what input.</summary>
public sealed class ModelSection
{
    /// <summary>The variant to build; a key of <see cref="ModelConfig.Variants"/>.</summary>
    public string Arch { get; set; } = "edge_nano";

    /// <summary>Number of output classes of the classifier.</summary>
    public int NumClasses { get; set; } = 10;

    /// <summary>Height and width of the square input image in pixels.</summary>
    public int InputSize { get; set; } = 32;

    /// <summary>Channels of the input image (1 for grayscale, 3 for RGB).</summary>
    public int InputChannels { get; set; } = 1;
}
