using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Compiler.Tests.FrontEnds;
using MicroBackbone.Ir.Reference;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary>
/// The deployment verbs end to end on a small edge_nano checkpoint: quantize, compile to every target, run, test,
/// export; the generated C, built with gcc, prints exactly what <c>mbc run</c> prints.
/// </summary>
[Collection(nameof(ConsoleCollection))]
public sealed class CompilePipelineCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbc-compile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string FloatCheckpoint()
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed: 7);
        string path = Path.Combine(_dir, "nano.pth");
        using (model)
        {
            CheckpointFile.Save(path, model, spec.ToMetadata());
        }
        return path;
    }

    private string Quantized(string floatPath)
    {
        string path = Path.Combine(_dir, "nano_int8.pth");
        (int exit, string output, string error) = CliRunner.Run("quantize", "--input-model", floatPath, "--output-model", path,
            "--calibration-samples", "16");
        Assert.True(exit == 0, error);
        Assert.Contains("static int8, minmax ranges from 16 images", output);
        return path;
    }

    [Fact]
    public void GeneratedCPrintsExactlyWhatTheReferenceInterpreterPrints()
    {
        string floatPath = FloatCheckpoint();
        byte[] floatBytes = File.ReadAllBytes(floatPath);
        string quantized = Quantized(floatPath);
        Assert.Equal(floatBytes, File.ReadAllBytes(floatPath));

        // A quantized checkpoint needs no calibration data: calibration flags are refused (not silently ignored).
        string cDir = Path.Combine(_dir, "c");
        (int exit, string output, string error) = CliRunner.Run("compile", quantized, "--target", "c", "--output-dir", cDir,
            "--calibration-data", Path.Combine(_dir, "missing"));
        Assert.Equal(1, exit);
        Assert.Contains("is quantized already, so nothing is calibrated", error);
        (exit, output, error) = CliRunner.Run("compile", quantized, "--target", "c", "--output-dir", cDir);
        Assert.True(exit == 0, error);
        Assert.Contains("arena (RAM)", output);
        Assert.Contains("MACs", output);
        CToolchain.Check("gcc", $"{CToolchain.HostFlags} -O1 -fsanitize=address,undefined -o model main.c model.c", cDir);

        string tfliteDir = Path.Combine(_dir, "tflite");
        (exit, _, error) = CliRunner.Run("compile", quantized, "--target", "tflite", "--output-dir", tfliteDir);
        Assert.True(exit == 0, error);
        string tflite = Path.Combine(tfliteDir, "edge_nano.tflite");

        var random = new Random(3);
        for (int i = 0; i < 3; i++)
        {
            string input = Path.Combine(_dir, $"in{i}.bin");
            byte[] bytes = new byte[32 * 32];
            random.NextBytes(bytes);
            File.WriteAllBytes(input, bytes);
            (int runExit, string expected, string runError) = CliRunner.Run("run", quantized, "--input", input);
            Assert.True(runExit == 0, runError);
            (int code, string actual, string cError) = CToolchain.Run(Path.Combine(cDir, "model"), input, cDir);
            Assert.True(code == 0, cError);
            Assert.Equal(expected, actual);
            Assert.Contains("top_class ", expected);

            // The int8 flatbuffer, imported back, computes the same bits.
            (runExit, string fromTflite, runError) = CliRunner.Run("run", tflite, "--input", input);
            Assert.True(runExit == 0, runError);
            Assert.Equal(expected.Split("top_class")[0], fromTflite.Split("top_class")[0]);
        }
    }

    [Fact]
    public void EveryTargetWritesItsFilesAndIsDeterministic()
    {
        string floatPath = FloatCheckpoint();
        foreach ((string target, string file) in new[]
        {
            ("esp32", "components/mb_model/src/model.c"), ("ir", "edge_nano.mbir"), ("csharp", "EdgeNano.cs"),
            ("onnx", "edge_nano.onnx"), ("tflite", "edge_nano.tflite"),
        })
        {
            string first = Path.Combine(_dir, target + "1"), second = Path.Combine(_dir, target + "2");
            foreach (string dir in new[] { first, second })
            {
                (int exit, _, string error) = CliRunner.Run("compile", floatPath, "--target", target, "--output-dir", dir,
                    "--calibration-samples", "8");
                Assert.True(exit == 0, $"{target}: {error}");
            }
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }
        Assert.Contains("partial class EdgeNano", File.ReadAllText(Path.Combine(_dir, "csharp1", "EdgeNano.cs")));
    }

    [Fact]
    public void OnnxTargetOnAQuantizedCheckpointWritesTheQdqModelDeterministically()
    {
        string quantized = Quantized(FloatCheckpoint());
        string first = Path.Combine(_dir, "qdq1"), second = Path.Combine(_dir, "qdq2");
        foreach (string dir in new[] { first, second })
        {
            (int exit, string output, string error) = CliRunner.Run("compile", quantized, "--target", "onnx", "--output-dir", dir);
            Assert.True(exit == 0, error);
            Assert.Contains("edge_nano_int8.onnx", output);
        }
        byte[] model = File.ReadAllBytes(Path.Combine(first, "edge_nano_int8.onnx"));
        Assert.Equal(model, File.ReadAllBytes(Path.Combine(second, "edge_nano_int8.onnx")));
        Assert.False(File.Exists(Path.Combine(first, "edge_nano.onnx")));

        // The QDQ model is the int8 model: ONNX Runtime predicts the class mbc run prints.
        var graph = MicroBackbone.Ir.Format.MbirReader.Read(CompileIr(quantized), "edge_nano.mbir");
        var interpreter = new Int8Interpreter(graph);
        sbyte[] input = CTestModels.RandomInput(interpreter.InputTensor.ElementCount, 11);
        sbyte[] expected = interpreter.Run(input);
        sbyte[] actual = MicroBackbone.Compiler.Tests.BackEnds.Onnx.QdqComparison.RunOnnx(model, graph, interpreter, input);
        Assert.Equal(Array.IndexOf(expected, expected.Max()), Array.IndexOf(actual, actual.Max()));
    }

    private string CompileIr(string model)
    {
        string dir = Path.Combine(_dir, "ir");
        (int exit, _, string error) = CliRunner.Run("compile", model, "--target", "ir", "--output-dir", dir);
        Assert.True(exit == 0, error);
        return File.ReadAllText(Path.Combine(dir, "edge_nano.mbir"));
    }

    [Fact]
    public void QuantizedCheckpointReportsItsInt8AccuracyDrop()
    {
        string quantized = Quantized(FloatCheckpoint());
        (int exit, string output, string error) = CliRunner.Run("test", "--checkpoint", quantized, "--limit", "40");
        Assert.True(exit == 0, error);
        Assert.Matches(@"float top-1 \d+\.\d\d%, int8 \(reference interpreter\) top-1 \d+\.\d\d%, drop -?\d+\.\d\d points", error);
        Assert.Contains("top-1", output);
    }

    [Fact]
    public void ExportWritesEveryArtifactAndTheyComputeTheSameModel()
    {
        string floatPath = FloatCheckpoint();
        string dir = Path.Combine(_dir, "export");
        (int exit, string output, string error) = CliRunner.Run("export", "--checkpoint", floatPath, "--output-dir", dir,
            "--quantize", "--calibration-samples", "8");
        Assert.True(exit == 0, error);
        foreach (string file in new[] { "model.pth", "model.onnx", "model.tflite", "model.torchscript.pt", "model_int8.tflite", "model_data.h", "model_int8.onnx" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 0, file);
            Assert.Contains(file, output);
        }

        // The float flatbuffer imports back to the same float function as the checkpoint.
        ModelSpec fallback = TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed: 1).Spec;
        var fromCheckpoint = new FloatInterpreter(ModelSource.Load(floatPath, fallback).Graph);
        var fromTflite = new FloatInterpreter(ModelSource.Load(Path.Combine(dir, "model.tflite"), fallback).Graph);
        float[] x = TrainedLikeModels.Input(fallback, 3).Nhwc;
        float[] expected = (float[])fromCheckpoint.Run([x])[0].Clone();
        float[] actual = fromTflite.Run([x])[0];
        Assert.All(expected.Zip(actual), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5f * Math.Max(1f, Math.Abs(p.First))));

        // The exported model.pth carries the quantization: its int8 form is the int8 flatbuffer's, bit for bit.
        string input = Path.Combine(_dir, "x.bin");
        File.WriteAllBytes(input, Enumerable.Range(0, 1024).Select(i => (byte)(i * 7)).ToArray());
        // Calibration flags are refused, not ignored: the checkpoint is known to be quantized.
        (exit, _, error) = CliRunner.Run("run", Path.Combine(dir, "model.pth"), "--input", input, "--calibration-data", Path.Combine(_dir, "missing"));
        Assert.Equal(1, exit);
        Assert.Contains("is quantized already, so nothing is calibrated", error);
        (exit, string viaPth, error) = CliRunner.Run("run", Path.Combine(dir, "model.pth"), "--input", input);
        Assert.True(exit == 0, error);
        (exit, string viaTflite, error) = CliRunner.Run("run", Path.Combine(dir, "model_int8.tflite"), "--input", input);
        Assert.True(exit == 0, error);
        Assert.Equal(viaPth.Split("top_class")[0], viaTflite.Split("top_class")[0]);
    }

    [Fact]
    public void ExportWritesEachArtifactOnItsOwnAndReportsTheOnesThatFailed()
    {
        string floatPath = FloatCheckpoint();
        string dir = Path.Combine(_dir, "export-partial");
        string missing = Path.Combine(_dir, "no-such-images");
        (int exit, string output, string error) = CliRunner.Run("export", "--checkpoint", floatPath, "--output-dir", dir,
            "--quantize", "--calibration-data", missing);

        Assert.Equal(1, exit);
        foreach (string file in new[] { "model.pth", "model.onnx", "model.tflite", "model.torchscript.pt" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 0, file);
        }
        string[] errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (string file in new[] { "model_int8.tflite", "model_data.h", "model_int8.onnx" })
        {
            Assert.False(File.Exists(Path.Combine(dir, file)), file);
            Assert.Contains(file, output);
            Assert.Contains(errors, line => line.StartsWith($"error: {file} not written: quantization failed: ", StringComparison.Ordinal)
                && line.Contains("no-such-images", StringComparison.Ordinal));
        }
        Assert.Equal(3, errors.Length);
        Assert.Contains("failed", output);
    }

    [Fact]
    public void PruneWithFineTuningWritesASmallerModelThatCompiles()
    {
        string floatPath = FloatCheckpoint();
        string pruned = Path.Combine(_dir, "pruned.pth");
        (int exit, string output, string error) = CliRunner.Run("prune", "--input-model", floatPath, "--output-model", pruned,
            "--pruning-type", "structured", "--pruning-ratio", "0.2", "--fine-tune-epochs", "1", "--limit-train", "128");
        Assert.True(exit == 0, error);
        Assert.Contains("stages.2.blocks.1", output);
        Assert.Contains("parameters 97,210 -> ", output);
        Assert.True(File.Exists(Path.Combine(_dir, "pruned_fine_tune", "metrics.csv")));

        (exit, output, error) = CliRunner.Run("compile", pruned, "--target", "c", "--output-dir", Path.Combine(_dir, "pc"), "--calibration-samples", "8");
        Assert.True(exit == 0, error);
        Assert.Contains("arena (RAM)", output);
    }

    [Fact]
    public void LogLevelsChooseHowMuchQuantizeAndDynamicTestPrint()
    {
        string floatPath = FloatCheckpoint();
        string dynamic = Path.Combine(_dir, "dynamic.pth");
        (int exit, string output, string error) = CliRunner.Run("quantize", "--input-model", floatPath, "--output-model", dynamic,
            "--quantization-type", "dynamic", "--log-level", "quiet");
        Assert.True(exit == 0, error);
        Assert.Equal("", output);
        (exit, output, error) = CliRunner.Run("test", "--checkpoint", dynamic, "--limit", "20");
        Assert.True(exit == 0, error);
        Assert.Contains("dynamic int8 top-1", error);

        (exit, output, error) = CliRunner.Run("quantize", "--input-model", floatPath, "--output-model", Path.Combine(_dir, "s.pth"),
            "--calibration-samples", "4", "--log-level", "debug");
        Assert.True(exit == 0, error);
        Assert.Contains("zero point", output);
        Assert.Contains("stages.0.blocks.0.shift", output);
    }

    [Fact]
    public void JsonReportOfATinyTestSetHasNoAccuracyForClassesWithoutImages()
    {
        (int exit, string json, string error) = CliRunner.Run("test", "--checkpoint", FloatCheckpoint(), "--limit", "3", "--output", "json");
        Assert.True(exit == 0, error);
        using var report = System.Text.Json.JsonDocument.Parse(json);
        var perClass = report.RootElement.GetProperty("per_class").EnumerateArray().ToList();
        Assert.Contains(perClass, c => c.GetProperty("support").GetInt64() == 0 && c.GetProperty("accuracy").ValueKind == System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void MistakesAreOneLineErrors()
    {
        string floatPath = FloatCheckpoint();
        string quantized = Quantized(floatPath);

        (int exit, _, string error) = CliRunner.Run("quantize", "--input-model", quantized, "--output-model", Path.Combine(_dir, "q2.pth"));
        Assert.Equal(1, exit);
        Assert.Contains("already quantized", error);

        (exit, _, error) = CliRunner.Run("quantize", "--input-model", floatPath, "--output-model", floatPath);
        Assert.Equal(1, exit);
        Assert.Contains("never modifies its input", error);

        string shortInput = Path.Combine(_dir, "short.bin");
        File.WriteAllBytes(shortInput, new byte[10]);
        (exit, _, error) = CliRunner.Run("run", quantized, "--input", shortInput);
        Assert.Equal(1, exit);
        Assert.Contains("needs exactly 1024 int8 values", error);

        (exit, _, error) = CliRunner.Run("compile", Path.Combine(_dir, "nothing.pth"), "--target", "c");
        Assert.Equal(1, exit);
        Assert.Contains("model file not found", error);

        (exit, _, error) = CliRunner.Run("compile", floatPath, "--target", "c", "--calibration-data", Path.Combine(_dir, "missing"),
            "--output-dir", Path.Combine(_dir, "never"));
        Assert.Equal(1, exit);
        Assert.Contains("calibration folder not found", error);
        Assert.False(File.Exists(Path.Combine(_dir, "never", "model.c")));
    }
}
