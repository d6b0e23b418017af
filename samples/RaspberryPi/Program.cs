using System.Diagnostics;
using System.Globalization;

namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>Classifies one image with the generated edge_nano model and reports class, confidence and latency.</summary>
public static class Program
{
    /// <summary>Entry point; exit code 0 on success, 2 for bad arguments or an unreadable image.</summary>
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
            error.WriteLine($"error: --dataset {options.Dataset}: this model was trained on fashion-mnist; known: "
                + string.Join(", ", DatasetNormalization.Known.Select(d => d.Name)));
            return 2;
        }
        int modelSize = EdgeNano.InputShape[1];
        if (options.InputSize != modelSize)
        {
            error.WriteLine($"error: --input-size {options.InputSize}: the compiled model takes {modelSize}x{modelSize}");
            return 2;
        }
        var preprocessor = new ImagePreprocessor(modelSize, dataset, options.Invert);
        var input = new float[EdgeNano.InputLength];
        try
        {
            preprocessor.Load(options.Image, input);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return 2;
        }

        var model = new EdgeNano();
        var logits = new float[EdgeNano.OutputLength];
        var probabilities = new float[EdgeNano.OutputLength];
        model.InvokeFloat(input, logits);
        Softmax(logits, probabilities);
        LatencySummary latency = Measure(model, input, options.Warmup, options.Runs);

        int best = ArgMax(probabilities);
        var invariant = CultureInfo.InvariantCulture;
        output.WriteLine($"image       {options.Image} -> {string.Join("x", EdgeNano.InputShape.ToArray())} (NHWC, {dataset.Name} normalisation)");
        output.WriteLine($"class       {EdgeNano.ClassNames[best]} ({best})");
        output.WriteLine(string.Format(invariant, "confidence  {0:P2}", probabilities[best]));
        foreach (int c in Enumerable.Range(0, probabilities.Length).OrderByDescending(c => probabilities[c]).Take(options.Top))
        {
            output.WriteLine(string.Format(invariant, "  {0,-12} {1,8:P2}  logit {2,8:F3}", EdgeNano.ClassNames[c], probabilities[c], logits[c]));
        }
        output.WriteLine(string.Format(invariant,
            "latency     {0:F4} ms mean, {1:F4} ms median, {2:F4} ms p90 ({3} runs after {4}+ warm-up runs and 1 s; Stopwatch, batch 1, 1 thread)",
            latency.MeanMs, latency.MedianMs, latency.P90Ms, options.Runs, options.Warmup));
        output.WriteLine($"allocated   {latency.AllocatedBytes} bytes during the timed runs; arena {EdgeNano.ArenaBytes} bytes");
        return 0;
    }

    /// <summary>
    /// Times <paramref name="runs"/> calls of <c>Predict</c> after <paramref name="warmup"/> untimed ones, and after at
    /// least one second of untimed calls: the JIT recompiles hot kernels with full optimizations (tiered compilation)
    /// only after they have run for a while, and the timings are meant to be of that steady state.
    /// </summary>
    public static LatencySummary Measure(EdgeNano model, ReadOnlySpan<float> input, int warmup, int runs)
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
