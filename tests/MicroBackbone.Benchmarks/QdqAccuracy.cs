using System.Globalization;
using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;
using Microsoft.ML.OnnxRuntime;

namespace MicroBackbone.Benchmarks;

/// <summary>
/// <c>qdq-accuracy [--limit N] [--model X_int8.pth]</c>: the shipped int8 edge_nano exported as <c>model_int8.onnx</c>
/// (QDQ) run by ONNX Runtime (one thread, default optimizations) against the int8 reference interpreter on the
/// Fashion-MNIST test split, same float input: top-1 of both, how often the top-1 agree, and how far ONNX Runtime's
/// int8 logits are from ours in int8 steps. Also prints which operators ONNX Runtime's optimized graph runs, to show
/// the QDQ groups became integer kernels.
/// </summary>
internal static class QdqAccuracy
{
    /// <summary>The shipped quantized checkpoint.</summary>
    public const string Int8Checkpoint = "samples/models/edge_nano_fashion_mnist_int8.pth";

    public static int Run(string[] args)
    {
        int? limit = null;
        string modelPath = RepositoryFiles.Path(Int8Checkpoint);
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--limit":
                    limit = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--model":
                    modelPath = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"error: unknown argument '{args[i]}'; usage: qdq-accuracy [--limit N] [--model X_int8.pth]");
                    return 1;
            }
        }

        DatasetConfig dataset = DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find(null, DatasetsConfig.DefaultPath);
        ModelSpec fallback = ArchCatalog.Resolve(ModelConfigText.Load(null), "edge_nano", inputSize: 32, inputChannels: 1, numClasses: dataset.NumClasses);
        LoadedModel model = ModelSource.Load(modelPath, fallback);
        IrGraph int8 = StaticQuantization.ToInt8(model, () => throw new InvalidOperationException($"{modelPath} is not quantized"));
        byte[] onnx = OnnxQdqExporter.Export(int8);
        var interpreter = new Int8Interpreter(int8);
        var images = new NhwcImages(DatasetLoader.LoadTest(dataset, limit), dataset, model.Spec ?? fallback, modelPath);

        string optimized = Path.Combine(Path.GetTempPath(), $"mbc-qdq-optimized-{Environment.ProcessId}.onnx");
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, OptimizedModelFilePath = optimized };
        using var session = new InferenceSession(onnx, options);
        PrintOperators(optimized);
        File.Delete(optimized);

        string inputName = session.InputNames[0];
        string outputName = session.OutputNames[0];
        long[] inputShape = [.. session.InputMetadata[inputName].Dimensions.Select(d => (long)d)];
        var outputQuant = interpreter.OutputQuantization;
        int classes = (int)interpreter.OutputTensor.ElementCount;
        var histogram = new SortedDictionary<int, long>();
        int oursCorrect = 0, ortCorrect = 0, agree = 0, identical = 0;
        float[] x = new float[images.ImageSize];
        float[] ortLogits = new float[classes];
        using var runOptions = new RunOptions();
        for (int n = 0; n < images.Count; n++)
        {
            images.Read(n, x);
            float[] ours = interpreter.RunFloat(x);
            sbyte[] oursSteps = ours.Select(outputQuant.Quantize).ToArray();

            // One input channel: NHWC and NCHW are the same memory.
            using (var input = OrtValue.CreateTensorValueFromMemory(x, inputShape))
            using (var output = OrtValue.CreateTensorValueFromMemory(ortLogits, [1, classes]))
            {
                session.Run(runOptions, [inputName], [input], [outputName], [output]);
            }

            bool same = true;
            for (int c = 0; c < classes; c++)
            {
                int d = Math.Abs(outputQuant.Quantize(ortLogits[c]) - oursSteps[c]);
                histogram[d] = histogram.GetValueOrDefault(d) + 1;
                same &= d == 0;
            }
            identical += same ? 1 : 0;
            int label = images.Label(n);
            int oursTop = ArgMax(ours), ortTop = ArgMax(ortLogits);
            oursCorrect += oursTop == label ? 1 : 0;
            ortCorrect += ortTop == label ? 1 : 0;
            agree += oursTop == ortTop ? 1 : 0;
        }

        int count = images.Count;
        Console.WriteLine(FormattableString.Invariant($"{Path.GetFileName(modelPath)} as model_int8.onnx (QDQ) on {dataset.Name} test, {count} images:"));
        Console.WriteLine(FormattableString.Invariant($"  int8 reference interpreter  top-1 {100.0 * oursCorrect / count:F2}% ({oursCorrect} correct)"));
        Console.WriteLine(FormattableString.Invariant($"  ONNX Runtime {OrtVersion()} QDQ    top-1 {100.0 * ortCorrect / count:F2}% ({ortCorrect} correct)"));
        Console.WriteLine(FormattableString.Invariant($"  same top-1 class on {agree} of {count} images; all {classes} int8 logits identical on {identical}"));
        long total = histogram.Values.Sum();
        Console.WriteLine("  |ORT - interpreter| in int8 steps over all logits: " + string.Join(", ",
            histogram.Select(p => FormattableString.Invariant($"{p.Key}: {p.Value} ({100.0 * p.Value / total:F2}%)"))));
        Console.WriteLine(FormattableString.Invariant($"  max difference: {histogram.Keys.Max()} steps (output scale {outputQuant.Scale:G6})"));
        return 0;
    }

    private static void PrintOperators(string optimizedModel)
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(optimizedModel));
        var counts = model.Graph.Node.GroupBy(n => n.OpType).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
        Console.WriteLine("ONNX Runtime's optimized graph runs: " + string.Join(", ", counts.Select(g => $"{g.Key} x{g.Count()}")));
    }

    private static string OrtVersion() => typeof(InferenceSession).Assembly.GetName().Version?.ToString(3) ?? "?";

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }
}
