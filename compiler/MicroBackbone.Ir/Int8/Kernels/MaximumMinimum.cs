namespace MicroBackbone.Ir.Int8.Kernels;

/// <summary>
/// int8 Maximum and Minimum (TFLM maximum_minimum.cc, reference MaximumMinimumBroadcastSlow): the larger or smaller
/// stored integer, with no rescaling. TFLite requires one quantization for both inputs and the output; the IR
/// validator enforces it, so comparing stored integers compares the real values.
/// </summary>
public static class MaximumMinimum
{
    /// <summary>max(x1, x2) on the stored integers.</summary>
    public static sbyte Maximum(sbyte x1, sbyte x2) => x1 > x2 ? x1 : x2;

    /// <summary>min(x1, x2) on the stored integers.</summary>
    public static sbyte Minimum(sbyte x1, sbyte x2) => x1 < x2 ? x1 : x2;
}
