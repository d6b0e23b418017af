using System.Globalization;
using System.Text;
using MicroBackbone.Compiler.IO;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>The table of <c>mbc compare</c> as CSV (saved) and markdown (printed), with one column set for both.</summary>
public static class ComparisonReport
{
    /// <summary>The CSV header, in column order.</summary>
    public const string CsvHeader = "model,arch,params,macs,flops,latency_median_ms,latency_p90_ms,throughput_img_s,batch_size,file_bytes,top1";

    /// <summary>Default location of the CSV, relative to the working directory.</summary>
    public const string DefaultCsvPath = "outputs/benchmarks/compare_models.csv";

    /// <summary>Writes the CSV atomically (its folder is created).</summary>
    public static void WriteCsv(string path, IReadOnlyList<ComparisonRow> rows)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (ComparisonRow r in rows)
        {
            text.Append(string.Join(",", Cells(r).Select(Quote))).Append('\n');
        }
        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>A GitHub-flavoured markdown table of <paramref name="rows"/>.</summary>
    public static string ToMarkdown(IReadOnlyList<ComparisonRow> rows)
    {
        var text = new StringBuilder();
        text.Append("| model | arch | params | MACs | latency median (ms) | latency p90 (ms) | img/s | file (KB) | top-1 |\n");
        text.Append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (ComparisonRow r in rows)
        {
            text.Append(Invariant($"| {r.Name} | {r.Arch} | {r.Parameters:N0} | {r.Macs:N0} | {r.Latency.MedianMs:F2} | {r.Latency.P90Ms:F2} | {r.Latency.ImagesPerSecond:F0} | "))
                .Append(r.FileBytes is long bytes ? Invariant($"{bytes / 1024.0:F1}") : "-")
                .Append(Invariant($" | {100 * r.Top1:F2}% |\n"));
        }
        return text.ToString();
    }

    private static IEnumerable<string> Cells(ComparisonRow r) => new[]
    {
        r.Name, r.Arch, Invariant($"{r.Parameters}"), Invariant($"{r.Macs}"), Invariant($"{r.Flops}"),
        Invariant($"{r.Latency.MedianMs:F4}"), Invariant($"{r.Latency.P90Ms:F4}"), Invariant($"{r.Latency.ImagesPerSecond:F1}"),
        Invariant($"{r.Latency.BatchSize}"), r.FileBytes is long b ? Invariant($"{b}") : "", Invariant($"{r.Top1:F6}"),
    };

    private static string Quote(string cell) =>
        cell.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
