namespace MicroBackbone.Compiler.Evaluation;

/// <summary>One model in <c>mbc compare</c>.</summary>
/// <param name="Name">Arch, or the checkpoint's file name.</param>
/// <param name="Arch">Architecture.</param>
/// <param name="Parameters">Parameter count.</param>
/// <param name="Macs">Multiply-accumulates per image.</param>
/// <param name="Latency">Batch latency and throughput.</param>
/// <param name="FileBytes">Size of the checkpoint file, or null for a freshly built arch.</param>
/// <param name="Top1">Top-1 on the validation split (0..1).</param>
public sealed record ComparisonRow(string Name, string Arch, long Parameters, long Macs, LatencyResult Latency, long? FileBytes, double Top1)
{
    /// <summary>FLOPs counted as two per MAC.</summary>
    public long Flops => 2 * Macs;
}
