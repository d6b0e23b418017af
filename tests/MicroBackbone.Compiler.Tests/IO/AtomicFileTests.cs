using MicroBackbone.Compiler.IO;

namespace MicroBackbone.Compiler.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void AWriterThatThrowsLeavesNoFileAndNoTempFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.bin");
        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("disk on fire", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AWriterThatThrowsKeepsThePreviousContent()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.txt");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("new, half"u8);
            throw new IOException("interrupted");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void ASuccessfulWriteReplacesTheFileAndCreatesFolders()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "a", "b", "out.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(path)!));
    }
}
