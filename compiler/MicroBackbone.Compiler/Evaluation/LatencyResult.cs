namespace MicroBackbone.Compiler.Evaluation;

/// <summary>CPU latency of a model, measured after warm-up.</summary>
/// <param name="BatchSize">Images per forward pass.</param>
/// <param name="Runs">Timed forward passes.</param>
/// <param name="MedianMs">Median milliseconds per forward pass.</param>
/// <param name="P90Ms">90th percentile milliseconds per forward pass.</param>
/// <param name="ImagesPerSecond">Images per second over all timed runs.</param>
public sealed record LatencyResult(int BatchSize, int Runs, double MedianMs, double P90Ms, double ImagesPerSecond);
