namespace MicroBackbone.Compiler.Config;

/// <summary>How a dataset is stored on disk.</summary>
public enum DatasetFormat
{
    /// <summary>IDX files (MNIST, Fashion-MNIST), gzip-compressed or raw: one image file and one label file per split.</summary>
    Idx,

    /// <summary>CIFAR-10 binary batches: per record one label byte then 3072 bytes of 32x32 RGB in CHW order.</summary>
    Cifar10,

    /// <summary>A folder per split holding one sub-folder of PNG/JPEG images per class.</summary>
    ImageFolder,
}
