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
    /// before moving on. Enumerating the same epoch twice yields the same batches. While the caller works on one batch
    /// the next is prepared on a worker thread (one at a time, so the order of random draws never changes).
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
            // (HashCode.Combine would be simpler but is salted per process, which breaks run-to-run repeatability.)
            random = new Random(EpochSeed(seed, epoch));
            random.Shuffle(order);
        }
        Task<Batch>? next = Count == 0 ? null : Task.Run(() => MakeBatch(0, random));
        try
        {
            for (int start = 0; start < Count; start += BatchSize)
            {
                Batch current = next!.GetAwaiter().GetResult();
                int following = start + BatchSize;
                next = following < Count ? Task.Run(() => MakeBatch(following, random)) : null;
                yield return current;
            }
        }
        finally
        {
            // An abandoned epoch (cancellation, exception) must not leak the batch prepared ahead.
            if (next != null)
            {
                next.GetAwaiter().GetResult().Dispose();
            }
        }
    }

    /// <summary>Mixes the run seed and the epoch into one non-negative seed (SplitMix64 finaliser).</summary>
    internal static int EpochSeed(int seed, int epoch)
    {
        ulong z = ((ulong)(uint)seed << 32) | (uint)epoch;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    private Batch MakeBatch(int start, Random? random)
    {
        int size = augmentation.OutputSize;
        int count = Math.Min(BatchSize, Count - start);
        for (int i = 0; i < count; i++)
        {
            int index = order[start + i];
            augmentation.Apply(dataset.Image(index), imageBuffer.AsSpan(i * size, size), random);
            labelBuffer[i] = dataset.Labels[index];
        }
        long[] shape = { count, augmentation.Options.Channels, augmentation.Options.Height, augmentation.Options.Width };
        Tensor images = empty(shape, ScalarType.Float32);
        images.data<float>().CopyFrom(imageBuffer.AsSpan(0, count * size));
        Tensor labels = empty(new long[] { count }, ScalarType.Int64);
        labels.data<long>().CopyFrom(labelBuffer.AsSpan(0, count));
        return new Batch(images, labels, count);
    }
}
