using MicroBackbone.Compiler.Data;

namespace MicroBackbone.Compiler.Tests.Data;

public class Cifar10ReaderTests
{
    private static byte[] Record(byte label, byte red, byte green, byte blue)
    {
        byte[] record = new byte[Cifar10Reader.RecordSize];
        record[0] = label;
        Array.Fill(record, red, 1, 1024);
        Array.Fill(record, green, 1025, 1024);
        Array.Fill(record, blue, 2049, 1024);
        return record;
    }

    [Fact]
    public void ReadsRecordsFromSeveralBatchesInOrder()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("a.bin"), Record(3, 10, 20, 30).Concat(Record(9, 1, 2, 3)).ToArray());
        File.WriteAllBytes(folder.File("b.bin"), Record(0, 200, 100, 50));

        ImageDataset data = Cifar10Reader.Read(new[] { folder.File("a.bin"), folder.File("b.bin") });

        Assert.Equal((3, 3, 32, 32), (data.Count, data.Channels, data.Height, data.Width));
        Assert.Equal(new[] { 3, 9, 0 }, data.Labels);
        ReadOnlySpan<byte> last = data.Image(2);
        Assert.Equal(200, last[0]);
        Assert.Equal(100, last[1024]);
        Assert.Equal(50, last[3071]);
        Assert.Equal(20, data.Image(0)[1024 + 500]);
    }

    [Fact]
    public void LimitStopsEarly()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("a.bin"), Record(1, 0, 0, 0).Concat(Record(2, 0, 0, 0)).ToArray());
        File.WriteAllBytes(folder.File("b.bin"), Record(3, 0, 0, 0));

        ImageDataset data = Cifar10Reader.Read(new[] { folder.File("a.bin"), folder.File("b.bin") }, limit: 1);

        Assert.Equal(new[] { 1 }, data.Labels);
    }

    [Fact]
    public void TruncatedBatchIsRejected()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(folder.File("a.bin"), Record(1, 0, 0, 0)[..3000]);

        var e = Assert.Throws<DatasetException>(() => Cifar10Reader.Read(new[] { folder.File("a.bin") }));

        Assert.Contains("truncated", e.Message);
        Assert.Contains("3073", e.Message);
    }
}
