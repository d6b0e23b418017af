namespace MicroBackbone.Ir.Int8;

/// <summary>int8 weights with one float32 scale per output channel (zero point 0).</summary>
public sealed class QuantizedWeights
{
    /// <summary>Wraps quantized values and their per-channel scales.</summary>
    public QuantizedWeights(sbyte[] values, float[] scales)
    {
        Values = values;
        Scales = scales;
    }

    /// <summary>The int8 values, in the layout they were quantized from.</summary>
    public sbyte[] Values { get; }

    /// <summary>One scale per output channel.</summary>
    public float[] Scales { get; }
}
