using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>Times eval-mode forward passes on the CPU: warm-up first, then every run timed on its own.</summary>
public static class LatencyBenchmark
{
    /// <summary>
    /// Runs <paramref name="warmup"/> untimed and <paramref name="runs"/> timed forward passes of a random batch of
    /// shape (<paramref name="batchSize"/>, C, H, W).
    /// </summary>
    public static LatencyResult Measure(nn.Module<Tensor, Tensor> model, long[] input, int batchSize, int runs, int warmup)
    {
        if (runs < 1 || warmup < 0 || batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(runs), "runs and batch size must be positive, warm-up not negative");
        }
        model.eval();
        using var noGrad = no_grad();
        using Tensor batch = rand(new long[] { batchSize }.Concat(input).ToArray(), generator: new Generator(0));
        for (int i = 0; i < warmup; i++)
        {
            using Tensor _ = model.forward(batch);
        }
        var times = new double[runs];
        var total = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            using Tensor _ = model.forward(batch);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        double seconds = total.Elapsed.TotalSeconds;
        Array.Sort(times);
        return new LatencyResult(batchSize, runs, Percentile(times, 0.5), Percentile(times, 0.9), batchSize * runs / seconds);
    }

    /// <summary>Linear-interpolated percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
