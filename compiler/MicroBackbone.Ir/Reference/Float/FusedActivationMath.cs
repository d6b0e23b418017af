namespace MicroBackbone.Ir.Reference.Float;

/// <summary>The float functions behind activations (fused or standalone), shared so every kernel clamps alike.</summary>
internal static class FusedActivationMath
{
    public static float Apply(FusedActivation activation, float value) => activation switch
    {
        FusedActivation.Relu => Relu(value),
        FusedActivation.Relu6 => Relu6(value),
        FusedActivation.ReluN1To1 => value < -1f ? -1f : value > 1f ? 1f : value,
        _ => value,
    };

    public static float Relu(float value) => value < 0f ? 0f : value;

    public static float Relu6(float value) => value < 0f ? 0f : value > 6f ? 6f : value;

    /// <summary>relu6(x + 3) / 6, the MobileNetV3 definition.</summary>
    public static float HardSigmoid(float value) => Relu6(value + 3f) / 6f;
}
