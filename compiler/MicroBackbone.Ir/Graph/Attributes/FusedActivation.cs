namespace MicroBackbone.Ir;

/// <summary>An activation applied to an op's output before it is stored (clamps the int8 output range).</summary>
public enum FusedActivation
{
    /// <summary>No activation.</summary>
    None,

    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>min(max(x, 0), 6).</summary>
    Relu6,

    /// <summary>min(max(x, -1), 1) (TFLite's RELU_N1_TO_1; met in imported models).</summary>
    ReluN1To1,
}
