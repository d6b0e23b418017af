using MicroBackbone.Compiler.Data;

namespace MicroBackbone.Compiler.Tests.Data;

public class IdxReaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsImagesAndLabelsRawOrGzipped(bool gzip)
    {
        using var folder = new TempFolder();
        IdxFiles.Write(folder.File("img"), IdxFiles.Images(3, 2, 4, (i, p) => (byte)((i * 10) + p)), gzip);
        IdxFiles.Write(folder.File("lbl"), IdxFiles.Labels(7, 0, 9), gzip);

        ImageDataset data = IdxReader.Read(folder.File("img"), folder.File("lbl"));

        Assert.Equal((3, 1, 2, 4), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal(new[] { 7, 0, 9 }, data.Labels);
        Assert.Equal(new byte[] { 20, 21, 22, 23, 24, 25, 26, 27 }, data.Image(2).ToArray());
    }

    [Fact]
    public void LimitReadsOnlyTheFirstImages()
    {
        using var folder = new TempFolder();
        IdxFiles.Write(folder.File("img.gz"), IdxFiles.Images(5, 2, 2, (i, p) => (byte)i), gzip: true);
        IdxFiles.Write(folder.File("lbl.gz"), IdxFiles.Labels(1, 2, 3, 4, 5), gzip: true);

        ImageDataset data = IdxReader.Read(folder.File("img.gz"), folder.File("lbl.gz"), limit: 2);

        Assert.Equal(new[] { 1, 2 }, data.Labels);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 1, 1, 1 }, data.Pixels);
    }

    [Fact]
    public void LabelFileAsImagesIsABadMagicNumber()
    {
        using var folder = new TempFolder();
        IdxFiles.Write(folder.File("lbl"), IdxFiles.Labels(1, 2), gzip: false);

        var e = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(folder.File("lbl")));

        Assert.Contains("bad magic number 0x00000801", e.Message);
        Assert.Contains("0x00000803", e.Message);
        Assert.Contains(folder.File("lbl"), e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedFileSaysSo(bool gzip)
    {
        using var folder = new TempFolder();
        byte[] full = IdxFiles.Images(4, 3, 3, (i, p) => 1);
        IdxFiles.Write(folder.File("img"), full[..(full.Length - 5)], gzip);

        var e = Assert.Throws<DatasetException>(() => IdxReader.ReadImages(folder.File("img")));

        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var folder = new TempFolder();
        IdxFiles.Write(folder.File("img"), IdxFiles.Images(3, 1, 1, (i, p) => 0), gzip: false);
        IdxFiles.Write(folder.File("lbl"), IdxFiles.Labels(1, 2), gzip: false);

        var e = Assert.Throws<DatasetException>(() => IdxReader.Read(folder.File("img"), folder.File("lbl")));

        Assert.Contains("2 labels", e.Message);
    }

    [Fact]
    public void MissingFileIsADatasetError()
    {
        var e = Assert.Throws<DatasetException>(() => IdxReader.ReadLabels("/nonexistent/labels.gz"));
        Assert.Contains("/nonexistent/labels.gz", e.Message);
    }
}
