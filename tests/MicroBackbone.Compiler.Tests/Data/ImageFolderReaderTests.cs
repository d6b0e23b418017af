using MicroBackbone.Compiler.Data;
using SkiaSharp;

namespace MicroBackbone.Compiler.Tests.Data;

public class ImageFolderReaderTests
{
    private static void WritePng(string path, int width, int height, SKColor color)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(color);
        bitmap.SetPixel(0, 0, new SKColor(255, 255, 255));
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }

    [Fact]
    public void ReadsOneSubFolderPerClassInSortedOrder()
    {
        using var folder = new TempFolder();
        WritePng(folder.File("zebra/b.png"), 4, 3, new SKColor(10, 20, 30));
        WritePng(folder.File("zebra/a.png"), 4, 3, new SKColor(40, 50, 60));
        WritePng(folder.File("ant/x.png"), 4, 3, new SKColor(70, 80, 90));
        File.WriteAllText(folder.File("ant/notes.txt"), "ignored");

        ImageDataset data = ImageFolderReader.Read(folder.Path, channels: 3);

        Assert.Equal(new[] { "ant", "zebra" }, ImageFolderReader.ClassNames(folder.Path));
        Assert.Equal((3, 3, 3, 4), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal(new[] { 0, 1, 1 }, data.Labels);
        // zebra/a.png sorts before zebra/b.png; CHW: the red plane, then green, then blue; pixel (0,0) is white.
        ReadOnlySpan<byte> a = data.Image(1);
        Assert.Equal(new byte[] { 255, 40, 40, 40 }, a[..4].ToArray());
        Assert.Equal(50, a[12 + 5]);
        Assert.Equal(60, a[24 + 11]);
    }

    [Fact]
    public void GreyConversionUsesIntegerLuma()
    {
        using var folder = new TempFolder();
        WritePng(folder.File("only/a.png"), 2, 2, new SKColor(100, 150, 200));

        ImageDataset data = ImageFolderReader.Read(folder.Path, channels: 1);

        // (299*100 + 587*150 + 114*200 + 500) / 1000 = 141
        Assert.Equal(new byte[] { 255, 141, 141, 141 }, data.Pixels);
    }

    [Fact]
    public void ImagesOfDifferentSizesNeedAnImageSize()
    {
        using var folder = new TempFolder();
        WritePng(folder.File("a/1.png"), 4, 4, SKColors.Red);
        WritePng(folder.File("b/1.png"), 6, 6, SKColors.Red);

        var e = Assert.Throws<DatasetException>(() => ImageFolderReader.Read(folder.Path, channels: 3));
        Assert.Contains("image_size", e.Message);

        ImageDataset resized = ImageFolderReader.Read(folder.Path, channels: 3, size: (5, 5));
        Assert.Equal((2, 5, 5), (resized.Count, resized.Height, resized.Width));
    }

    [Fact]
    public void ClassNamesFixTheLabelOrderAndMustAllExist()
    {
        using var folder = new TempFolder();
        WritePng(folder.File("cat/1.png"), 2, 2, SKColors.Red);
        WritePng(folder.File("dog/1.png"), 2, 2, SKColors.Red);

        ImageDataset data = ImageFolderReader.Read(folder.Path, 3, classNames: new[] { "dog", "cat" });
        Assert.Equal(new[] { 0, 1 }, data.Labels);

        var e = Assert.Throws<DatasetException>(() => ImageFolderReader.Read(folder.Path, 3, classNames: new[] { "dog", "cat", "cow" }));
        Assert.Contains("cow", e.Message);
    }

    [Fact]
    public void UndecodableImageIsNamed()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("a"));
        File.WriteAllText(folder.File("a/broken.png"), "not a png");

        var e = Assert.Throws<DatasetException>(() => ImageFolderReader.Read(folder.Path, 3));
        Assert.Contains("broken.png", e.Message);
    }

    [Fact]
    public void TruncatedImageIsRefusedNotDecodedWithBlankRows()
    {
        using var folder = new TempFolder();
        string path = folder.File("a/cut.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var bitmap = new SKBitmap(new SKImageInfo(32, 32, SKColorType.Rgba8888, SKAlphaType.Unpremul)))
        {
            var random = new Random(3);
            for (int y = 0; y < 32; y++)
            {
                for (int x = 0; x < 32; x++)
                {
                    bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
                }
            }
            using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            byte[] bytes = png.ToArray();
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        }

        var e = Assert.Throws<DatasetException>(() => ImageFolderReader.Read(folder.Path, 3));
        Assert.Equal($"{path}: the image is truncated or corrupt (its data ends before the last row); expected a complete PNG or JPEG", e.Message);
    }
}
