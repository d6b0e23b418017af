using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Data;

/// <summary>
/// Cuts an <see cref="ImageDataset"/> into batches of model-ready tensors. For training, each epoch reshuffles and
/// augments with a <see cref="Random"/> seeded from (seed, epoch), so epoch k is the same in every run and after a
/// resume. Images are transformed into one reusable float buffer; the only allocations per batch are the tensors.
/// </summary>
public sealed class BatchLoader
{
    private readonly ImageDataset dataset;
    private readonly Augmentation augmentation;
    private readonly bool training;
    private readonly int seed;
    private readonly float[] imageBuffer;
    private readonly long[] labelBuffer;
    private readonly int[] order;

    /// <summary>
    /// Creates a loader. <paramref name="training"/> turns on shuffling and the random transforms of
    /// <paramref name="augmentation"/>; <paramref name="limit"/> keeps only the first images (for quick runs).
    /// </summary>
    public BatchLoader(ImageDataset dataset, Augmentation augmentation, int batchSize, bool training, int seed, int? limit = null)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), "batch size must be at least 1");
        }
        if (limit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), "limit must be at least 1");
        }
        this.dataset = dataset;
        this.augmentation = augmentation;
        this.training = training;
        this.seed = seed;
        Count = Math.Min(dataset.Count, limit ?? int.MaxValue);
        BatchSize = Math.Min(batchSize, Math.Max(1, Count));
        imageBuffer = new float[BatchSize * augmentation.OutputSize];
        labelBuffer = new long[BatchSize];
        order = new int[Count];
    }

    /// <summary>Images one epoch visits (the dataset size, or the limit).</summary>
    public int Count { get; }

    /// <summary>Images per batch; the last batch of an epoch holds the remainder.</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch.</summary>
    public int BatchesPerEpoch => (Count + BatchSize - 1) / BatchSize;

    /// <summary>Model input shape [C, H, W].</summary>
    public long[] InputShape => new long[] { augmentation.Options.Channels, augmentation.Options.Height, augmentation.Options.Width };

    /// <summary>
    /// The batches of epoch <paramref name="epoch"/> (0-based). Each <see cref="Batch"/> owns its tensors; dispose it
    /// before moving on. Enumerating the same epoch twice yields the same batches.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch)
    {
        for (int i = 0; i < Count; i++)
        {
            order[i] = i;
        }
        Random? random = null;
        if (training)
        {
            // A fresh generator per epoch (not one shared stream) makes epoch k independent of how many epochs ran before.
            random = new Random(HashCode.Combine(seed, epoch) & int.MaxValue);
            random.Shuffle(order);
        }
        int size = augmentation.OutputSize;
        long[] shape = InputShape.Prepend(0L).ToArray();
        for (int start = 0; start < Count; start += BatchSize)
        {
            int count = Math.Min(BatchSize, Count - start);
            for (int i = 0; i < count; i++)
            {
                int index = order[start + i];
                augmentation.Apply(dataset.Image(index), imageBuffer.AsSpan(i * size, size), random);
                labelBuffer[i] = dataset.Labels[index];
            }
            shape[0] = count;
            Tensor images = empty(shape, ScalarType.Float32);
            images.data<float>().CopyFrom(imageBuffer.AsSpan(0, count * size));
            Tensor labels = empty(new long[] { count }, ScalarType.Int64);
            labels.data<long>().CopyFrom(labelBuffer.AsSpan(0, count));
            yield return new Batch(images, labels, count);
        }
    }
}
