using System.Diagnostics;
using System.Globalization;
using MicroBackbone.Runtime.Loader;

namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>
/// Classifies one image with the generated edge_nano model, or with a model file given by <c>--model</c>, and reports
/// class, confidence and latency.
/// </summary>
public static class Program
{
    /// <summary>Entry point; exit code 0 on success, 1 for a model file that cannot run, 2 for bad arguments or an unreadable image.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the app with <paramref name="args"/>, writing results to <paramref name="output"/>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ClassifyOptions? options = ClassifyOptions.Parse(args, out string? problem);
        if (options == null)
        {
            (problem == null ? output : error).WriteLine(problem == null ? ClassifyOptions.Usage : $"error: {problem}\n{ClassifyOptions.Usage}");
            return problem == null ? 0 : 2;
        }
        DatasetNormalization? dataset = DatasetNormalization.Find(options.Dataset);
        if (dataset == null)
        {
            error.WriteLine($"error: --dataset {Printable(options.Dataset)}: unknown; known: "
                + string.Join(", ", DatasetNormalization.Known.Select(d => d.Name)));
            return 2;
        }
        if (options.Model == null && dataset != DatasetNormalization.FashionMnist)
        {
            error.WriteLine($"error: --dataset {dataset.Name}: the compiled-in model was trained on fashion-mnist; give the model trained on {dataset.Name} with --model FILE");
            return 2;
        }

        IClassifierModel model;
        try
        {
            model = options.Model == null ? new CompiledModel() : new LoadedModel(options.Model);
        }
        catch (ModelLoadException e)
        {
            error.WriteLine($"error: {Printable(e.Message)}");
            return 1;
        }
        if (Problem(model, options, dataset) is { } mismatch)
        {
            error.WriteLine($"error: {mismatch}");
            return 2;
        }

        int modelSize = model.InputShape[1];
        var preprocessor = new ImagePreprocessor(modelSize, dataset, options.Invert);
        var input = new float[model.InputLength];
        try
        {
            preprocessor.Load(options.Image, input);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        var logits = new float[model.OutputLength];
        var probabilities = new float[model.OutputLength];
        model.InvokeFloat(input, logits);
        Softmax(logits, probabilities);
        LatencySummary latency = Measure(model, input, options.Warmup, options.Runs);

        IReadOnlyList<string> names = ClassNames(model, dataset);
        int best = ArgMax(probabilities);
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"model       {Printable(model.Description)}");
        output.WriteLine($"image       {options.Image} -> {string.Join("x", model.InputShape.ToArray())} (NHWC, {dataset.Name} normalisation)");
        output.WriteLine($"class       {names[best]} ({best})");
        output.WriteLine(string.Format(invariant, "confidence  {0:P2}", probabilities[best]));
        foreach (int c in Enumerable.Range(0, probabilities.Length).OrderByDescending(c => probabilities[c]).Take(options.Top))
        {
            output.WriteLine(string.Format(invariant, "  {0,-12} {1,8:P2}  logit {2,8:F3}", names[c], probabilities[c], logits[c]));
        }
        output.WriteLine(string.Format(invariant,
            "latency     {0:F4} ms mean, {1:F4} ms median, {2:F4} ms p90 ({3} runs after {4}+ warm-up runs and 1 s; Stopwatch, batch 1, 1 thread)",
            latency.MeanMs, latency.MedianMs, latency.P90Ms, options.Runs, options.Warmup));
        output.WriteLine($"allocated   {latency.AllocatedBytes} bytes during the timed runs; arena {model.ArenaBytes} bytes");
        return 0;
    }

    /// <summary>Why <paramref name="model"/> cannot take the images the options describe, or null.</summary>
    private static string? Problem(IClassifierModel model, ClassifyOptions options, DatasetNormalization dataset)
    {
        ReadOnlySpan<int> shape = model.InputShape;
        if (shape.Length != 4 || shape[0] != 1 || shape[1] != shape[2])
        {
            return $"the model's input is {string.Join("x", shape.ToArray())}; the app classifies one square NHWC image (1xSxSxC)";
        }
        if (options.InputSize is { } size && size != shape[1])
        {
            return $"--input-size {size}: the {(options.Model == null ? "compiled" : "loaded")} model takes {shape[1]}x{shape[1]}";
        }
        if (shape[3] != dataset.Channels)
        {
            return $"--dataset {dataset.Name}: its images have {dataset.Channels} channel(s), the model takes {shape[3]}; pass the dataset the model was trained on";
        }
        if (shape[1] < dataset.NativeSize)
        {
            return $"--dataset {dataset.Name}: its images are {dataset.NativeSize}x{dataset.NativeSize}, the model takes {shape[1]}x{shape[1]}";
        }
        return null;
    }

    /// <summary>The model's own class names when it carries one per output, else the dataset's, else the indices.</summary>
    private static IReadOnlyList<string> ClassNames(IClassifierModel model, DatasetNormalization dataset)
    {
        IReadOnlyList<string> names = model.ClassNames.Count == model.OutputLength ? model.ClassNames
            : dataset.ClassNames.Count == model.OutputLength ? dataset.ClassNames
            : Enumerable.Range(0, model.OutputLength).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        return names.Select(Printable).ToArray();
    }

    /// <summary>Model text made safe for a terminal: control characters (escape sequences, new lines) become '?'.</summary>
    private static string Printable(string text) =>
        string.Concat(text.Select(ch => char.IsControl(ch) ? '?' : ch));

    /// <summary>
    /// Times <paramref name="runs"/> calls of <c>Predict</c> after <paramref name="warmup"/> untimed ones, and after at
    /// least one second of untimed calls: the JIT recompiles hot kernels with full optimizations (tiered compilation)
    /// only after they have run for a while, and the timings are meant to be of that steady state.
    /// </summary>
    public static LatencySummary Measure(IClassifierModel model, ReadOnlySpan<float> input, int warmup, int runs)
    {
        ArgumentNullException.ThrowIfNull(model);
        long warmupStart = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmup || (warmup > 0 && Stopwatch.GetElapsedTime(warmupStart) < TimeSpan.FromSeconds(1)); i++)
        {
            model.Predict(input);
        }
        var ticks = new long[runs];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Predict(input);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Array.Sort(ticks);
        double toMs = 1000.0 / Stopwatch.Frequency;
        return new LatencySummary(ticks.Average() * toMs, ticks[runs / 2] * toMs, ticks[Math.Min(runs - 1, (int)(runs * 0.9))] * toMs, allocated);
    }

    /// <summary>Numerically stable softmax of <paramref name="logits"/> into <paramref name="probabilities"/>.</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        float max = float.NegativeInfinity;
        foreach (float v in logits)
        {
            max = MathF.Max(max, v);
        }
        float sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            probabilities[i] = MathF.Exp(logits[i] - max);
            sum += probabilities[i];
        }
        for (int i = 0; i < logits.Length; i++)
        {
            probabilities[i] /= sum;
        }
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}
