namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Activation fused into an operator (TFLite schema v3 enum <c>ActivationFunctionType</c>).</summary>
public enum TfliteActivation : sbyte
{
    /// <summary>No activation.</summary>
    None = 0,

    /// <summary>max(x, 0).</summary>
    Relu = 1,

    /// <summary>Clamp to [-1, 1].</summary>
    ReluN1To1 = 2,

    /// <summary>Clamp to [0, 6].</summary>
    Relu6 = 3,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 4,

    /// <summary>Sign bit.</summary>
    SignBit = 5,
}
