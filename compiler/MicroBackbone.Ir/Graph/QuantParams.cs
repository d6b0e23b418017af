namespace MicroBackbone.Ir;

/// <summary>
/// Affine quantization of a tensor: real = scale * (q - zeroPoint). Per-tensor when there is one scale, per-channel
/// along <see cref="Axis"/> otherwise (one scale and zero point per index of that dimension).
/// </summary>
/// <param name="Scales">One scale (per-tensor) or one per channel along <see cref="Axis"/>; all finite and &gt; 0.</param>
/// <param name="ZeroPoints">Same count as <see cref="Scales"/>.</param>
/// <param name="Axis">Quantized dimension for per-channel parameters (0 = O of OHWI weights, 3 = O of 1HWO).</param>
public sealed record QuantParams(EquatableArray<float> Scales, EquatableArray<int> ZeroPoints, int Axis = 0)
{
    /// <summary>True when there is more than one scale.</summary>
    public bool IsPerChannel => Scales.Count > 1;

    /// <summary>Per-tensor parameters.</summary>
    public static QuantParams PerTensor(float scale, int zeroPoint) => new(EquatableArray.Of(scale), EquatableArray.Of(zeroPoint));

    /// <summary>Per-channel parameters along <paramref name="axis"/>.</summary>
    public static QuantParams PerChannel(IReadOnlyList<float> scales, IReadOnlyList<int> zeroPoints, int axis) =>
        new(new EquatableArray<float>(scales), new EquatableArray<int>(zeroPoints), axis);
}
