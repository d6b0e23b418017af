using MicroBackbone.Compiler.IO;
using MicroBackbone.Compiler.Tests.Cli;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.IO;

/// <summary>
/// The SIGINT/SIGTERM cleanup deletes every pending temporary file, so it runs alone (in the non-parallel
/// collection), never while another test is writing.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public class InterruptCleanupTests
{
    [Fact]
    public void AnInterruptDeletesTheTemporaryFileBeingWrittenAndTheDestinationIsUntouched()
    {
        using var folder = new TempFolder();
        string path = folder.File("big.bin");
        File.WriteAllText(path, "previous");
        string? temp = null;
        Assert.Throws<MicroBackboneException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            temp = Assert.Single(PendingTempFiles.Current, p => p.StartsWith(folder.Path, StringComparison.Ordinal));
            Assert.True(File.Exists(temp));
            PendingTempFiles.DeleteAll(); // what the SIGINT/SIGTERM handlers run before the process ends
        }));
        Assert.False(File.Exists(temp));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Empty(PendingTempFiles.Current);
    }
}
