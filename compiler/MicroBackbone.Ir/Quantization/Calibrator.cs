using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Quantization;

/// <summary>
/// Post-training calibration: runs the float graph on sample inputs with the float reference interpreter and records
/// each activation's range with the chosen observer. The samples are only read.
/// </summary>
public static class Calibrator
{
    private const int HistogramBins = 2048;
    private const double PercentileTail = 0.0001;

    /// <summary>The ranges of every activation of <paramref name="floatGraph"/> over <paramref name="samples"/> (NHWC inputs).</summary>
    public static ActivationRanges Calibrate(IrGraph floatGraph, IReadOnlyList<float[]> samples, ObserverKind observer)
    {
        if (samples.Count == 0)
        {
            throw new Int8.QuantizationException($"graph '{floatGraph.Name}': calibration needs at least one sample");
        }
        IrGraph graph = QuantizationPreparation.Run(floatGraph);
        var interpreter = new FloatInterpreter(graph);
        var extremes = new MinMaxObserver();
        foreach (float[] sample in samples)
        {
            interpreter.Run([sample], extremes);
        }
        if (observer == ObserverKind.MinMax)
        {
            return new ActivationRanges(extremes.Ranges.Select(p => new TensorRange(p.Key, p.Value.Name, Math.Min(p.Value.Min, 0f), Math.Max(p.Value.Max, 0f))));
        }
        var histograms = new HistogramObserver(extremes.Ranges, HistogramBins);
        foreach (float[] sample in samples)
        {
            interpreter.Run([sample], histograms);
        }
        return new ActivationRanges(histograms.Ranges(PercentileTail));
    }

    private sealed class MinMaxObserver : ITensorObserver
    {
        public Dictionary<int, (string Name, float Min, float Max)> Ranges { get; } = new();

        public void Observe(IrTensor tensor, ReadOnlySpan<float> values)
        {
            (float min, float max) = Ranges.TryGetValue(tensor.Id, out var r) ? (r.Min, r.Max) : (float.PositiveInfinity, float.NegativeInfinity);
            foreach (float v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
            Ranges[tensor.Id] = (tensor.Name, min, max);
        }
    }

    private sealed class HistogramObserver(Dictionary<int, (string Name, float Min, float Max)> extremes, int bins) : ITensorObserver
    {
        private readonly SortedDictionary<int, long[]> _counts = new(extremes.Keys.ToDictionary(t => t, _ => new long[bins]));

        public void Observe(IrTensor tensor, ReadOnlySpan<float> values)
        {
            (_, float min, float max) = extremes[tensor.Id];
            long[] counts = _counts[tensor.Id];
            double width = (max - min) / bins;
            foreach (float v in values)
            {
                int bin = width > 0 ? (int)((v - min) / width) : 0;
                counts[Math.Min(Math.Max(bin, 0), bins - 1)]++;
            }
        }

        public IEnumerable<TensorRange> Ranges(double tail)
        {
            foreach (var pair in _counts)
            {
                (string name, float min, float max) = extremes[pair.Key];
                long total = pair.Value.Sum();
                long cut = (long)Math.Floor(total * tail);
                double width = (max - min) / bins;
                int low = 0, high = bins - 1;
                for (long seen = 0; low < bins - 1 && seen + pair.Value[low] <= cut; low++)
                {
                    seen += pair.Value[low];
                }
                for (long seen = 0; high > 0 && seen + pair.Value[high] <= cut; high--)
                {
                    seen += pair.Value[high];
                }
                float lo = (float)(min + (low * width));
                float hi = (float)(min + ((high + 1) * width));
                yield return new TensorRange(pair.Key, name, Math.Min(lo, 0f), Math.Max(Math.Min(hi, max), 0f));
            }
        }
    }
}
