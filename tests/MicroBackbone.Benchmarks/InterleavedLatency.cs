using System.Diagnostics;
using System.Globalization;

namespace MicroBackbone.Benchmarks;

/// <summary>
/// <c>interleaved [--rounds N]</c>: the generated C# and ONNX Runtime int8 (QDQ, 1 thread) called alternately, one
/// call each per round, on the engines <see cref="BatchOneLatency"/> sets up; prints the minimum, 10th percentile and
/// median of each and their ratios. On a shared machine whose other jobs come and go, both sides see the same
/// disturbances this way, and the low percentiles are the undisturbed latency; BenchmarkDotNet's short run measures
/// each case in its own time window instead.
/// </summary>
internal static class InterleavedLatency
{
    public static int Run(string[] args)
    {
        int rounds = args.Length == 2 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        Console.WriteLine(FormattableString.Invariant($"{rounds} interleaved rounds after {rounds / 10} warm-up rounds; microseconds"));
        Console.WriteLine("| model | generated C# min / p10 / median | ORT int8 (QDQ), 1 thread min / p10 / median | C# / ORT at min | at p10 | at median |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (string arch in new[] { "edge_nano", "edge_micro", "edge_small" })
        {
            var bench = new BatchOneLatency { Arch = arch };
            bench.Setup();
            try
            {
                for (int i = 0; i < rounds / 10; i++)
                {
                    bench.GeneratedCSharp();
                    bench.OnnxRuntimeInt8OneThread();
                }

                double[] ours = new double[rounds];
                double[] ort = new double[rounds];
                for (int i = 0; i < rounds; i++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    bench.GeneratedCSharp();
                    long t1 = Stopwatch.GetTimestamp();
                    bench.OnnxRuntimeInt8OneThread();
                    long t2 = Stopwatch.GetTimestamp();
                    ours[i] = Microseconds(t1 - t0);
                    ort[i] = Microseconds(t2 - t1);
                }

                Array.Sort(ours);
                Array.Sort(ort);
                (double min, double p10, double median) a = Quantiles(ours), b = Quantiles(ort);
                Console.WriteLine(FormattableString.Invariant(
                    $"| {arch} | {a.min:F1} / {a.p10:F1} / {a.median:F1} | {b.min:F1} / {b.p10:F1} / {b.median:F1} | {a.min / b.min:F2} | {a.p10 / b.p10:F2} | {a.median / b.median:F2} |"));
            }
            finally
            {
                bench.Cleanup();
            }
        }
        return 0;
    }

    private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    private static (double Min, double P10, double Median) Quantiles(double[] sorted) =>
        (sorted[0], sorted[sorted.Length / 10], sorted[sorted.Length / 2]);
}
