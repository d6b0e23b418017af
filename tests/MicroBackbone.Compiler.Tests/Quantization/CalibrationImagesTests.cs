using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using SkiaSharp;

namespace MicroBackbone.Compiler.Tests.Quantization;

public sealed class CalibrationImagesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbc-calib-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static DatasetConfig FashionMnist() => DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find("fashion-mnist", "test");

    private static ModelSpec Nano(int channels = 1) => ArchCatalog.Resolve(ModelConfigText.Load(null), "edge_nano", 32, channels, 10);

    [Fact]
    public void DatasetSamplesAreNhwcNormalisedAndPaddedToTheModelInput()
    {
        DatasetConfig dataset = FashionMnist();
        IReadOnlyList<float[]> samples = CalibrationImages.FromDataset(dataset, Nano(), 5);

        Assert.Equal(5, samples.Count);
        Assert.All(samples, s => Assert.Equal(32 * 32, s.Length));
        ImageDataset raw = DatasetLoader.LoadSplit(dataset, dataset.Train!, "train", 1);
        // 28x28 is centred in 32x32 with 2 pixels of padding: pixel (2, 2) of the sample is raw pixel (0, 0).
        float expected = (float)((raw.Image(0)[0] / 255.0 - dataset.Mean[0]) / dataset.Std[0]);
        Assert.Equal(expected, samples[0][(2 * 32) + 2], 5);
    }

    [Theory]
    [InlineData("resnet18")]
    [InlineData("mobilenet_v3_small")]
    public void GrayDatasetSamplesForARgbArchAreWhatTrainingFeedsIt(string arch)
    {
        // Fashion-MNIST has one mean and std; a TorchVision arch takes 3 channels. Training normalises the stored
        // channel and replicates it; calibration and evaluation must do the same (they used to refuse).
        DatasetConfig dataset = FashionMnist();
        ModelSpec rgb = ArchCatalog.Resolve(ModelConfigText.Load(null), arch, 32, null, 10);
        IReadOnlyList<float[]> samples = CalibrationImages.FromDataset(dataset, rgb, 2);
        IReadOnlyList<float[]> gray = CalibrationImages.FromDataset(dataset, Nano(), 2);

        ImageDataset raw = DatasetLoader.LoadSplit(dataset, dataset.Train!, "train", 2);
        var training = new Augmentation(raw.Channels, raw.Height, raw.Width, AugmentationOptions.For(dataset, 3, 32, 32));
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(32 * 32 * 3, samples[i].Length);
            float[] chw = new float[training.OutputSize];
            training.Apply(raw.Image(i), chw, random: null);
            for (int pixel = 0; pixel < 32 * 32; pixel++)
            {
                for (int c = 0; c < 3; c++)
                {
                    Assert.Equal(chw[(c * 32 * 32) + pixel], samples[i][(pixel * 3) + c]);
                    Assert.Equal(gray[i][pixel], samples[i][(pixel * 3) + c]);
                }
            }
        }
    }

    [Fact]
    public void FolderSamplesReplicateGreyToRgbAndLeaveTheFolderUnchanged()
    {
        string cls = Directory.CreateDirectory(Path.Combine(_dir, "shirt")).FullName;
        for (int i = 0; i < 3; i++)
        {
            using var bitmap = new SKBitmap(32, 32);
            bitmap.Erase(new SKColor((byte)(40 * i), (byte)(40 * i), (byte)(40 * i)));
            using var file = File.Create(Path.Combine(cls, $"{i}.png"));
            bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
        }
        var before = Directory.GetFiles(cls).ToDictionary(f => f, File.ReadAllBytes);

        IReadOnlyList<float[]> samples = CalibrationImages.FromFolder(_dir, FashionMnist(), Nano(channels: 3), 10);

        Assert.Equal(3, samples.Count);
        Assert.Equal(32 * 32 * 3, samples[2].Length);
        Assert.Equal(samples[2][0], samples[2][1]);
        Assert.Equal(samples[2][0], samples[2][2]);
        Assert.NotEqual(samples[0][0], samples[2][0]);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(cls).Order());
        Assert.All(before, pair => Assert.Equal(pair.Value, File.ReadAllBytes(pair.Key)));
    }

    [Fact]
    public void MissingOrEmptyFoldersAreClearErrors()
    {
        var missing = Assert.Throws<DatasetException>(() => CalibrationImages.FromFolder(Path.Combine(_dir, "nope"), FashionMnist(), Nano()));
        Assert.Contains("calibration folder not found", missing.Message);
        Directory.CreateDirectory(Path.Combine(_dir, "empty-class"));
        var empty = Assert.Throws<DatasetException>(() => CalibrationImages.FromFolder(_dir, FashionMnist(), Nano()));
        Assert.Contains(_dir, empty.Message);
    }
}
