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
}
