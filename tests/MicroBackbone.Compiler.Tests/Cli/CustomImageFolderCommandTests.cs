using System.Text.Json;
using MicroBackbone.Cli.Rendering;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using SkiaSharp;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary>
/// A newcomer's custom RGB image folder through the CLI, as issue 13 tried it: a datasets YAML with only a root and
/// <c>train: train</c>-style splits, training edge_nano, then every verb that reads the checkpoint with no dataset
/// flags. The folder is tiny (3 classes of 32x32 PNGs: 4 train, 2 val, 2 test each) and trained once for all tests.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CustomImageFolderCommandTests : IClassFixture<CustomImageFolderCommandTests.TrainedFolder>
{
    private readonly TrainedFolder _trained;

    public CustomImageFolderCommandTests(TrainedFolder trained) => _trained = trained;

    /// <summary>The folder, its YAML and one training run of edge_nano on it (the fixture's own output is asserted).</summary>
    public sealed class TrainedFolder : IDisposable
    {
        public TrainedFolder()
        {
            Root = Directory.CreateTempSubdirectory("mbc-folder-").FullName;
            var random = new Random(13);
            (string Name, SKColor Color)[] classes = [("red", new SKColor(200, 30, 30)), ("green", new SKColor(30, 200, 30)), ("blue", new SKColor(30, 30, 200))];
            foreach ((string split, int count) in new[] { ("train", 4), ("val", 2), ("test", 2) })
            {
                foreach ((string name, SKColor color) in classes)
                {
                    string folder = Directory.CreateDirectory(Path.Combine(Root, "data", split, name)).FullName;
                    for (int i = 0; i < count; i++)
                    {
                        WritePng(Path.Combine(folder, $"{i}.png"), color, random);
                    }
                }
            }
            string flat = Directory.CreateDirectory(Path.Combine(Root, "calibration")).FullName;
            for (int i = 0; i < 5; i++)
            {
                WritePng(Path.Combine(flat, $"{i}.png"), new SKColor(120, 120, 120), random);
            }
            Yaml = Path.Combine(Root, "datasets.yaml");
            // The issue's spelling: splits as plain folder names, and nothing else but a root.
            File.WriteAllText(Yaml, $"default_dataset: shapes\ndatasets:\n  - name: shapes\n    format: image_folder\n    root: {Path.Combine(Root, "data")}\n    train: train\n    val: val\n    test: test\n");

            Output = Path.Combine(Root, "out");
            (RgbIntoGreyExit, _, RgbIntoGreyError) = CliRunner.Run("train", "--dataset-config", Yaml, "--epochs", "1", "--output-dir", Output);
            (TrainExit, _, TrainError) = CliRunner.Run("train", "--dataset-config", Yaml, "--input-channels", "3", "--epochs", "1",
                "--warmup-epochs", "0", "--output-dir", Output);
            Best = Path.Combine(Output, "checkpoints", "microsignedge_edge_nano_best.pth");
        }

        public string Root { get; }

        public string Yaml { get; }

        public string Output { get; }

        public string Best { get; }

        public int RgbIntoGreyExit { get; }

        public string RgbIntoGreyError { get; }

        public int TrainExit { get; }

        public string TrainError { get; }

        public void Dispose() => Directory.Delete(Root, recursive: true);

        private static void WritePng(string path, SKColor color, Random random)
        {
            using var bitmap = new SKBitmap(32, 32);
            for (int y = 0; y < 32; y++)
            {
                for (int x = 0; x < 32; x++)
                {
                    byte Noisy(byte v) => (byte)Math.Clamp(v + random.Next(-40, 41), 0, 255);
                    bitmap.SetPixel(x, y, new SKColor(Noisy(color.Red), Noisy(color.Green), Noisy(color.Blue)));
                }
            }
            using FileStream file = File.Create(path);
            bitmap.Encode(file, SKEncodedImageFormat.Png, 100);
        }
    }

    [Fact]
    public void TrainOnAFolderGivenOnlyARootAndSplitNamesWorksOutClassesChannelsAndNormalisation()
    {
        // RGB images into the default 1-channel edge_nano: one error line naming the flag.
        Assert.Equal(1, _trained.RgbIntoGreyExit);
        string error = _trained.RgbIntoGreyError.Trim().Split('\n')[^1];
        Assert.StartsWith("error: --input-channels: dataset 'shapes' has RGB images (3 channels)", error);
        Assert.Contains("add --input-channels 3", error);

        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        string note = Assert.Single(_trained.TrainError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("dataset 'shapes': 3 classes from the folder names, 3 channel(s), mean [", note);
        Assert.Contains("from the 12 training images", note);

        using Checkpoint checkpoint = CheckpointFile.Load(_trained.Best);
        DatasetConfig recorded = DatasetRecord.Parse((string)checkpoint.Metadata.Extras[DatasetRecord.ExtraKey], _trained.Best);
        Assert.Equal(["blue", "green", "red"], recorded.ClassNames);
        Assert.Equal(3, recorded.Channels);
        Assert.Equal(Path.Combine(_trained.Root, "data"), recorded.Root);
    }

    [Fact]
    public void TestWithNoDatasetFlagsUsesTheDatasetTheCheckpointRecordsAndShowsProgress()
    {
        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        Environment.SetEnvironmentVariable(TaskProgressView.IntervalVariable, "0");
        try
        {
            // The issue's crash: "Target 9 is out of bounds" (evaluated on Fashion-MNIST's 10 classes).
            (int exit, string json, string error) = CliRunner.Run("test", "--checkpoint", _trained.Best, "--output", "json");
            Assert.True(exit == 0, error);
            using JsonDocument report = JsonDocument.Parse(json);
            Assert.Equal("shapes", report.RootElement.GetProperty("dataset").GetString());
            Assert.Equal(6, report.RootElement.GetProperty("samples").GetInt32());
            // Piped: a plain progress line on standard error, no bar fragments.
            Assert.Contains("test 6 images, batch 1/1 loss ", error);
            Assert.DoesNotContain(error.Split('\n'), l => l.TrimEnd().EndsWith("0%", StringComparison.Ordinal) && !l.Contains("acc", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(TaskProgressView.IntervalVariable, null);
        }
    }

    [Fact]
    public void ACheckpointOnADatasetWithOtherClassesIsOneErrorLine()
    {
        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        (int exit, string output, string error) = CliRunner.Run("test", "--checkpoint", _trained.Best, "--dataset", "fashion-mnist");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("the model has 3 outputs but dataset 'fashion-mnist' has 10 classes", line);
        Assert.Contains("--dataset-config", line);
    }

    [Fact]
    public void CompareInTheOriginalSpellingUsesTheRecordedDataset()
    {
        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        string csv = Path.Combine(_trained.Root, "compare.csv");
        (int exit, string output, string error) = CliRunner.Run("compare", "--checkpoints", _trained.Best, "--input-size", "3", "32", "32",
            "--device", "cpu", "--runs", "1", "--csv", csv);
        Assert.True(exit == 0, error);
        Assert.Contains("microsignedge_edge_nano_best", output);
        Assert.True(File.Exists(csv));
    }

    [Fact]
    public void QuantizeCalibratesOnTheRecordedDatasetOrAFlatFolderAndSaysWhatBatchSizeDoes()
    {
        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        string quantized = Path.Combine(_trained.Root, "q.pth");
        (int exit, string output, string error) = CliRunner.Run("quantize", "--input-model", _trained.Best, "--output-model", quantized);
        Assert.True(exit == 0, error);
        Assert.Contains("ranges from 12 images", output); // the folder's 12 training images, not Fashion-MNIST's 300

        // The original's spelling, with a flat calibration folder (images, no class sub-folders).
        (exit, output, error) = CliRunner.Run("quantize", "--input-model", _trained.Best, "--output-model", quantized,
            "--calibration-data", Path.Combine(_trained.Root, "calibration"), "--input-size", "32", "--batch-size", "32");
        Assert.True(exit == 0, error);
        Assert.Contains("ranges from 5 images", output);
        Assert.StartsWith("--batch-size 32: calibration observes each of the 5 images one at a time", error);
    }

    [Fact]
    public void InputSizeOnACheckpointIsHonouredWhereTheWeightsFitAndInputChannelsThatDifferAreRefused()
    {
        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        (int exit, string output, string error) = CliRunner.Run("benchmark", "--checkpoint", _trained.Best, "--input-size", "64", "--runs", "1", "--warmup", "0");
        Assert.True(exit == 0, error);
        Assert.Contains("3x64x64", output);

        string quantized = Path.Combine(_trained.Root, "q64.pth");
        (exit, _, error) = CliRunner.Run("quantize", "--input-model", _trained.Best, "--output-model", quantized, "--input-size", "64",
            "--quantization-type", "dynamic");
        Assert.True(exit == 0, error);
        using (Checkpoint checkpoint = CheckpointFile.Load(quantized))
        {
            Assert.Equal(new InputShape(3, 64, 64), checkpoint.Metadata.InputShape);
        }

        (exit, output, error) = CliRunner.Run("benchmark", "--checkpoint", _trained.Best, "--input-channels", "1", "--runs", "1");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: --input-channels 1: ", error);
        Assert.Contains("holds a model for 3-channel input", error);
    }

    [Fact]
    public void PruneFineTuningShowsTrainingProgress()
    {
        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        Environment.SetEnvironmentVariable(TaskProgressView.IntervalVariable, "0");
        try
        {
            (int exit, string output, string error) = CliRunner.Run("prune", "--input-model", _trained.Best, "--output-model",
                Path.Combine(_trained.Root, "pruned.pth"), "--fine-tune-epochs", "1");
            Assert.True(exit == 0, error);
            Assert.Contains("epoch 1/1 batch 1/1 train loss", output);
            Assert.Contains("epoch   1  train loss", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable(TaskProgressView.IntervalVariable, null);
        }
    }

    [Theory]
    [InlineData("error: --limit-train: applies to fine-tuning; add --fine-tune-epochs N", "prune", "--input-model", "a.pth", "--output-model", "b.pth", "--limit-train", "5")]
    [InlineData("error: --scope: applies to --pruning-type unstructured (structured pruning removes the same fraction of every block's hidden channels)",
        "prune", "--input-model", "a.pth", "--output-model", "b.pth", "--scope", "layer")]
    [InlineData("error: --calibration-data: dynamic quantization does not calibrate (activations are quantized per inference); drop it or use --quantization-type static",
        "quantize", "--input-model", "a.pth", "--output-model", "b.pth", "--quantization-type", "dynamic", "--calibration-data", "d")]
    [InlineData("error: --weights: --checkpoint supplies the weights; give one or the other", "benchmark", "--checkpoint", "a.pth", "--weights", "w.pth")]
    [InlineData("error: --weights /nonexistent/w.pth: file not found", "benchmark", "--arch", "resnet18", "--weights", "/nonexistent/w.pth", "--runs", "1")]
    [InlineData("error: --resume: continues an earlier run from its own weights, so --pretrained/--weights would be ignored; give one or the other",
        "train", "--arch", "resnet18", "--resume", "a_last.pth", "--weights", "w.pth")]
    [InlineData("error: --arch: --checkpoint fixes the arch, its config and its classes; give one or the other", "info", "--checkpoint", "a.pth", "--arch", "edge_micro")]
    public void AFlagTheVerbWouldNotUseIsRefusedNotIgnored(string expected, params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(expected, error.TrimEnd('\n'));
    }

    [Fact]
    public void ExportRefusesCalibrationFlagsWithoutQuantize()
    {
        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        (int exit, string output, string error) = CliRunner.Run("export", "--checkpoint", _trained.Best, "--calibration-samples", "3",
            "--output-dir", Path.Combine(_trained.Root, "export"));
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal("error: --calibration-samples: calibration happens only with --quantize; add --quantize", error.TrimEnd('\n'));
    }

    [Fact]
    public void CompileHonoursTheObserverAndRefusesCalibrationFlagsForAQuantizedCheckpoint()
    {
        Assert.True(_trained.TrainExit == 0, _trained.TrainError);
        byte[] Compiled(string observer)
        {
            string dir = Path.Combine(_trained.Root, "ir-" + observer);
            (int exit, _, string error) = CliRunner.Run("compile", _trained.Best, "--target", "ir", "--output-dir", dir,
                "--calibration-data", Path.Combine(_trained.Root, "calibration"), "--observer", observer);
            Assert.True(exit == 0, error);
            return File.ReadAllBytes(Directory.GetFiles(dir, "*.mbir").Single());
        }
        // --observer was ignored by compile (minmax always): the two int8 graphs were identical.
        Assert.NotEqual(Compiled("minmax"), Compiled("percentile"));

        string quantized = Path.Combine(_trained.Root, "qc.pth");
        (int code, _, string message) = CliRunner.Run("quantize", "--input-model", _trained.Best, "--output-model", quantized, "--log-level", "quiet");
        Assert.True(code == 0, message);
        (code, string output, message) = CliRunner.Run("compile", quantized, "--target", "ir", "--output-dir", Path.Combine(_trained.Root, "irq"),
            "--calibration-samples", "4");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"error: --calibration-samples: {quantized} is quantized already, so nothing is calibrated; drop it", message.TrimEnd('\n'));
    }
}
