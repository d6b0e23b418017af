using MicroBackbone.Compiler.Data;

namespace MicroBackbone.Compiler.Tests.Data;

public class AugmentationTests
{
    /// <summary>Returns scripted draws so crop offsets and flips are chosen by the test.</summary>
    private sealed class ScriptedRandom : Random
    {
        private readonly Queue<int> values;

        public ScriptedRandom(params int[] values) => this.values = new Queue<int>(values);

        public override int Next(int minValue, int maxValue) => Take(minValue, maxValue);

        public override int Next(int maxValue) => Take(0, maxValue);

        private int Take(int min, int max)
        {
            int v = values.Dequeue();
            Assert.InRange(v, min, max - 1);
            return v;
        }
    }

    // Identity normalisation (mean 0, std 1/255) so outputs equal the raw byte values.
    private static AugmentationOptions Raw(int channels, int height, int width, int crop = 0, bool flip = false, int stored = 1) =>
        new(channels, height, width, Enumerable.Repeat(0.0, stored).ToArray(), Enumerable.Repeat(1.0 / 255, stored).ToArray(), crop, flip);

    private static float[] Run(Augmentation augmentation, byte[] image, Random? random)
    {
        float[] output = new float[augmentation.OutputSize];
        augmentation.Apply(image, output, random);
        return output.Select(v => MathF.Round(v, 3)).ToArray();
    }

    private static readonly byte[] TwoByTwo = { 1, 2, 3, 4 };

    [Fact]
    public void SmallImagesArePaddedCentredWithZeros()
    {
        var augmentation = new Augmentation(1, 2, 2, Raw(1, 4, 4));

        Assert.Equal(
            new float[] { 0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0 },
            Run(augmentation, TwoByTwo, null));
    }

    [Fact]
    public void TwentyEightPadsToThirtyTwoWithTwoPixelsEachSide()
    {
        byte[] image = Enumerable.Repeat((byte)9, 28 * 28).ToArray();
        var augmentation = new Augmentation(1, 28, 28, Raw(1, 32, 32));

        float[] output = Run(augmentation, image, null);

        Assert.Equal(0, output[(2 * 32) + 1]);
        Assert.Equal(9, output[(2 * 32) + 2]);
        Assert.Equal(9, output[(29 * 32) + 29]);
        Assert.Equal(0, output[(30 * 32) + 29]);
        Assert.Equal(28 * 28 * 9, output.Sum());
    }

    [Fact]
    public void CropShiftsTheImageAndExposesZeros()
    {
        var augmentation = new Augmentation(1, 2, 2, Raw(1, 2, 2, crop: 1));

        // Shift down by -1 rows (dy = -1) and right by +1 column (dx = +1): out(y, x) = in(y - 1, x + 1).
        Assert.Equal(new float[] { 0, 0, 2, 0 }, Run(augmentation, TwoByTwo, new ScriptedRandom(-1, 1)));
        Assert.Equal(new float[] { 1, 2, 3, 4 }, Run(augmentation, TwoByTwo, new ScriptedRandom(0, 0)));
    }

    [Fact]
    public void FlipMirrorsLeftRight()
    {
        var augmentation = new Augmentation(1, 2, 3, Raw(1, 2, 3, flip: true));
        byte[] image = { 1, 2, 3, 4, 5, 6 };

        Assert.Equal(new float[] { 3, 2, 1, 6, 5, 4 }, Run(augmentation, image, new ScriptedRandom(1)));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, Run(augmentation, image, new ScriptedRandom(0)));
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, Run(augmentation, image, null));
    }

    [Fact]
    public void GreyIsReplicatedToThreeChannels()
    {
        var augmentation = new Augmentation(1, 2, 2, Raw(3, 2, 2));

        Assert.Equal(new float[] { 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4 }, Run(augmentation, TwoByTwo, null));
    }

    [Fact]
    public void LargerImagesAreResizedNearest()
    {
        byte[] image = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var augmentation = new Augmentation(1, 4, 4, Raw(1, 2, 2));

        Assert.Equal(new float[] { 0, 2, 8, 10 }, Run(augmentation, image, null));
    }

    [Fact]
    public void NormalisationUsesMeanAndStdPerStoredChannel()
    {
        var options = new AugmentationOptions(3, 1, 1, new[] { 0.5, 0.0, 1.0 }, new[] { 0.5, 1.0, 2.0 });
        var augmentation = new Augmentation(3, 1, 1, options);

        float[] output = Run(augmentation, new byte[] { 255, 51, 0 }, null);

        Assert.Equal(new float[] { 1f, 0.2f, -0.5f }, output);
    }

    [Fact]
    public void SameSeedSameOutputDifferentSeedDifferentOutput()
    {
        byte[] image = Enumerable.Range(0, 64).Select(i => (byte)(i * 3)).ToArray();
        var augmentation = new Augmentation(1, 8, 8, Raw(1, 8, 8, crop: 2, flip: true));
        float[] Draws(int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, 5).SelectMany(_ => Run(augmentation, image, random)).ToArray();
        }

        Assert.Equal(Draws(7), Draws(7));
        Assert.NotEqual(Draws(7), Draws(8));
    }

    [Fact]
    public void ThreeToOneChannelsIsRefused()
    {
        var e = Assert.Throws<DatasetException>(() => new Augmentation(3, 2, 2, Raw(1, 2, 2, stored: 3)));
        Assert.Contains("3 channel", e.Message);
    }
}
