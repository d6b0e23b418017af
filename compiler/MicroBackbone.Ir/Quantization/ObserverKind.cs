namespace MicroBackbone.Ir.Quantization;

/// <summary>How calibration turns the values a tensor took into its range.</summary>
public enum ObserverKind
{
    /// <summary>The smallest and largest value seen over all samples.</summary>
    MinMax,

    /// <summary>
    /// The 0.01st and 99.99th percentiles of all values seen (from a histogram), which ignores rare outliers that would
    /// otherwise stretch the scale and cost resolution everywhere else.
    /// </summary>
    Percentile,
}
