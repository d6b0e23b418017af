using System.IO.Compression;
using MicroBackbone.Compiler.Checkpoints;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Checkpoints;

public class CheckpointErrorTests
{
    [Fact]
    public void ATruncatedFileIsReportedAsTruncated()
    {
        using var folder = new TempFolder();
        string path = folder.File("cut.pth");
        using TinyNet net = TinyNet.Seeded(1);
        CheckpointFile.Save(path, net, SampleMetadata.Create());
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path));
        Assert.StartsWith($"{path}: truncated or corrupt zip archive", error.Message);
        Assert.Contains("expected a PyTorch checkpoint written by torch.save", error.Message);
    }

    [Fact]
    public void AFileThatIsNotAZipSaysWhatWasExpected()
    {
        using var folder = new TempFolder();
        string path = folder.File("notes.pth");
        File.WriteAllText(path, "these are not weights");

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path));
        Assert.Equal(
            $"{path}: not a zip archive; expected a PyTorch checkpoint written by torch.save (a zip archive with "
            + "<name>/data.pkl and tensor data under <name>/data/)",
            error.Message);
    }

    [Fact]
    public void ALegacyPickleCheckpointIsNamedAsSuch()
    {
        using var folder = new TempFolder();
        string path = folder.File("legacy.pth");
        File.WriteAllBytes(path, [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC]);

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path));
        Assert.Contains("legacy (pre-1.6) PyTorch format", error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void AZipWithoutDataPklIsRejected()
    {
        using var folder = new TempFolder();
        string path = folder.File("other.pth");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("archive/readme.txt").Open());
            writer.Write("hello");
        }

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path));
        Assert.StartsWith($"{path}: the zip archive has no data.pkl entry", error.Message);
    }

    [Fact]
    public void UnreadablePickleContentIsOneCleanLine()
    {
        using var folder = new TempFolder();
        string path = folder.File("garbage.pth");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("archive/data.pkl").Open();
            stream.Write("\x80\x02garbage that is no pickle"u8);
        }

        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path));
        Assert.StartsWith($"{path}: the checkpoint content could not be read (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void TensorsThatAreOffsetViewsIntoASharedStorageAreRefusedWithoutANativeStackTrace()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Fixtures", "shared_storage_views.pth");
        var defaults = new CheckpointMetadata("x", "train", 1, new InputShape(1, 1, 1), "");
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path, defaults));
        Assert.StartsWith($"{path}: the checkpoint content could not be read (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("frame #", error.Message);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}.pth");
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.Load(path));
        Assert.Equal($"{path}: checkpoint file not found", error.Message);
    }

    [Fact]
    public void MissingAndUnexpectedKeysAreListedAndNothingIsCopied()
    {
        using var folder = new TempFolder();
        string path = folder.File("keys.pth");
        using TinyNet source = TinyNet.Seeded(1);
        var state = new Dictionary<string, Tensor>(source.state_dict());
        state.Remove("bn.running_var");
        state.Remove("fc.bias");
        state["head.bias"] = zeros(3);
        CheckpointFile.Save(path, state, SampleMetadata.Create());

        using TinyNet target = TinyNet.Seeded(2);
        using Tensor before = target.state_dict()["conv.weight"].clone();
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.LoadInto(path, target));
        Assert.StartsWith($"{path}: checkpoint does not fit the TinyNet model, 3 differences: ", error.Message);
        Assert.Contains("missing key 'bn.running_var' [4]", error.Message);
        Assert.Contains("missing key 'fc.bias' [3]", error.Message);
        Assert.Contains("unexpected key 'head.bias' [3]", error.Message);
        Assert.True(before.equal(target.state_dict()["conv.weight"]).all().item<bool>(), "weights changed although loading failed");
    }

    [Fact]
    public void AShapeMismatchShowsBothShapes()
    {
        using var folder = new TempFolder();
        string path = folder.File("shape.pth");
        using TinyNet source = TinyNet.Seeded(1, classes: 3);
        CheckpointFile.Save(path, source, SampleMetadata.Create());

        using TinyNet target = TinyNet.Seeded(1, classes: 5);
        var error = Assert.Throws<CheckpointException>(() => CheckpointFile.LoadInto(path, target));
        Assert.Contains("2 differences", error.Message);
        Assert.Contains("shape mismatch for 'fc.weight': checkpoint [3, 4], model [5, 4]", error.Message);
        Assert.Contains("shape mismatch for 'fc.bias': checkpoint [3], model [5]", error.Message);
    }

    [Fact]
    public void OnlyTheFirstFewDifferencesAreListed()
    {
        var model = Enumerable.Range(0, 8).ToDictionary(i => $"w{i}", _ => zeros(1));
        var checkpoint = new Dictionary<string, Tensor>();
        string message = StateDictComparison.Describe(StateDictComparison.Differences(model, checkpoint));
        Assert.StartsWith("8 differences: missing key 'w0' [1]; ", message);
        Assert.EndsWith("missing key 'w4' [1]; and 3 more", message);
    }
}
