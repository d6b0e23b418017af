using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.IO;

/// <summary>What output writing guarantees beyond all-or-nothing: only regular files are replaced (issue 15).</summary>
public class AtomicFileSafetyTests
{
    [Fact]
    public void AFifoIsRefusedAndLeftAFifo()
    {
        using var folder = new TempFolder();
        string fifo = SpecialFiles.Fifo(folder.File("pipe"));
        var error = Assert.Throws<MicroBackboneException>(() => AtomicFile.WriteAllText(fifo, "x"));
        Assert.Equal($"{fifo}: is a named pipe (FIFO); mbc writes outputs only to regular files (give a file path)", error.Message);
        Assert.True(SpecialFiles.IsFifo(fifo));
        Assert.Single(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AFolderIsRefused()
    {
        using var folder = new TempFolder();
        string sub = Directory.CreateDirectory(folder.File("sub")).FullName;
        var error = Assert.Throws<MicroBackboneException>(() => AtomicFile.WriteAllText(sub, "x"));
        Assert.StartsWith($"{sub}: is a folder;", error.Message);
    }

    [Fact]
    public void ACharacterDeviceIsRefusedWithoutTouchingIt()
    {
        // Refused before anything is created: /dev/null is only probed (stat), never opened, renamed or replaced.
        var error = Assert.Throws<MicroBackboneException>(() => AtomicFile.WriteAllText("/dev/null", "x"));
        Assert.StartsWith("/dev/null: is a character device;", error.Message);
    }

    [Fact]
    public void ASymlinkIsWrittenThroughAndStaysALink()
    {
        using var folder = new TempFolder();
        string target = folder.File("target.txt");
        File.WriteAllText(target, "old");
        string link = folder.File("link.txt");
        File.CreateSymbolicLink(link, "target.txt");

        AtomicFile.WriteAllText(link, "new");

        Assert.Equal("target.txt", new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(target));
        Assert.Equal(2, Directory.GetFileSystemEntries(folder.Path).Length);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AnExistingFileKeepsItsMode()
    {
        using var folder = new TempFolder();
        string path = folder.File("secret.bin");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void AnInputOfTheRunningCommandIsNeverOverwritten()
    {
        using var folder = new TempFolder();
        string input = folder.File("model.pth");
        File.WriteAllText(input, "weights");
        using (CommandInputs.BeginCommand())
        {
            InputFile.Require(input, "model file");
            var error = Assert.Throws<MicroBackboneException>(() => AtomicFile.WriteAllText(Path.Combine(folder.Path, ".", "model.pth"), "x"));
            Assert.Contains("is an input of this command", error.Message);
        }
        Assert.Equal("weights", File.ReadAllText(input));
        AtomicFile.WriteAllText(input, "outside a command, a plain write");
    }
}
