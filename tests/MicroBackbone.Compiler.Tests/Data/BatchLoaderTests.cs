using MicroBackbone.Compiler.Data;

namespace MicroBackbone.Compiler.Tests.Data;

public class BatchLoaderTests
{
    // Image i is filled with the value i, so a batch's pixels reveal which images it holds.
    private static ImageDataset Numbered(int count) =>
        new(Enumerable.Range(0, count).SelectMany(i => Enumerable.Repeat((byte)i, 4)).ToArray(),
            Enumerable.Range(0, count).Select(i => i % 3).ToArray(), 1, 2, 2);

    private static Augmentation Identity(int crop = 0, bool flip = false) =>
        new(1, 2, 2, new AugmentationOptions(1, 2, 2, new[] { 0.0 }, new[] { 1.0 / 255 }, crop, flip));

    private static List<(float[] Images, long[] Labels, long[] Shape)> ReadEpoch(BatchLoader loader, int epoch)
    {
        var batches = new List<(float[], long[], long[])>();
        foreach (Batch batch in loader.Epoch(epoch))
        {
            using (batch)
            {
                batches.Add((batch.Images.data<float>().ToArray(), batch.Labels.data<long>().ToArray(), batch.Images.shape));
            }
        }
        return batches;
    }

    [Fact]
    public void EvaluationBatchesKeepTheDatasetOrderAndShapes()
    {
        var loader = new BatchLoader(Numbered(5), Identity(), batchSize: 2, training: false, seed: 1);

        var batches = ReadEpoch(loader, 0);

        Assert.Equal(3, loader.BatchesPerEpoch);
        Assert.Equal(new long[] { 2, 1, 2, 2 }, batches[0].Shape);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, batches[2].Shape);
        Assert.Equal(new float[] { 0, 0, 0, 0, 1, 1, 1, 1 }, batches[0].Images);
        Assert.Equal(new long[] { 0, 1 }, batches[0].Labels);
        Assert.Equal(new long[] { 1 }, batches[2].Labels);
    }

    [Fact]
    public void TrainingShufflesPerEpochDeterministically()
    {
        var loader = new BatchLoader(Numbered(20), Identity(crop: 1, flip: true), batchSize: 8, training: true, seed: 3);
        var again = new BatchLoader(Numbered(20), Identity(crop: 1, flip: true), batchSize: 8, training: true, seed: 3);
        var otherSeed = new BatchLoader(Numbered(20), Identity(crop: 1, flip: true), batchSize: 8, training: true, seed: 4);

        float[] Flat(BatchLoader l, int epoch) => ReadEpoch(l, epoch).SelectMany(b => b.Images).ToArray();
        long[] Labels(BatchLoader l, int epoch) => ReadEpoch(l, epoch).SelectMany(b => b.Labels).ToArray();

        Assert.Equal(Flat(loader, 0), Flat(again, 0));
        Assert.Equal(Flat(loader, 1), Flat(loader, 1));
        Assert.NotEqual(Flat(loader, 0), Flat(loader, 1));
        Assert.NotEqual(Flat(loader, 0), Flat(otherSeed, 0));
        // Every image is visited once per epoch: the labels are a permutation of the dataset's.
        Assert.Equal(Numbered(20).Labels.Select(l => (long)l).Order(), Labels(loader, 2).Order());
    }

    [Fact]
    public void LimitUsesOnlyTheFirstImages()
    {
        var loader = new BatchLoader(Numbered(50), Identity(), batchSize: 4, training: true, seed: 1, limit: 6);

        var batches = ReadEpoch(loader, 0);

        Assert.Equal(6, loader.Count);
        Assert.Equal(2, batches.Count);
        Assert.All(batches.SelectMany(b => b.Images), v => Assert.InRange(v, 0, 5));
    }

    [Fact]
    public void CarvedSplitIsSeededAndDisjoint()
    {
        ImageDataset data = Numbered(30);

        (ImageDataset kept, ImageDataset carved) = data.Split(10, seed: 5);
        (_, ImageDataset carvedAgain) = data.Split(10, seed: 5);

        Assert.Equal((20, 10), (kept.Count, carved.Count));
        Assert.Equal(carved.Pixels, carvedAgain.Pixels);
        var keptIds = kept.Pixels.Where((_, i) => i % 4 == 0).ToHashSet();
        var carvedIds = carved.Pixels.Where((_, i) => i % 4 == 0).ToHashSet();
        Assert.Empty(keptIds.Intersect(carvedIds));
        Assert.Equal(30, keptIds.Count + carvedIds.Count);
    }

    [Fact]
    public void EpochSeedsAreFixedAcrossProcesses()
    {
        // Pinned values: a per-process salted hash here would make runs differ between processes.
        Assert.Equal(BatchLoader.EpochSeed(1, 0), BatchLoader.EpochSeed(1, 0));
        Assert.Equal(280033599, BatchLoader.EpochSeed(1, 0));
        Assert.NotEqual(BatchLoader.EpochSeed(1, 0), BatchLoader.EpochSeed(1, 1));
        Assert.NotEqual(BatchLoader.EpochSeed(1, 0), BatchLoader.EpochSeed(2, 0));
    }
}
