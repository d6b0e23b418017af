namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>Per-inference wall-clock latency of a batch of timed runs, and what they allocated.</summary>
/// <param name="MeanMs">Mean latency in milliseconds.</param>
/// <param name="MedianMs">Median latency in milliseconds.</param>
/// <param name="P90Ms">90th-percentile latency in milliseconds.</param>
/// <param name="AllocatedBytes">Managed bytes allocated on the calling thread during the timed runs.</param>
public sealed record LatencySummary(double MeanMs, double MedianMs, double P90Ms, long AllocatedBytes);
