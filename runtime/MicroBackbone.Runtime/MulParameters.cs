namespace MicroBackbone.Runtime;

/// <summary>The prepared integers of an int8 multiplication (TFLM mul_common.cc).</summary>
public readonly struct MulParameters
{
    /// <summary>Creates the parameters from the Prepare step's integers.</summary>
    public MulParameters(int input1ZeroPoint, int input2ZeroPoint, int outputMultiplier, int outputShift, int outputZeroPoint,
        int activationMin, int activationMax)
    {
        Input1ZeroPoint = input1ZeroPoint;
        Input2ZeroPoint = input2ZeroPoint;
        OutputMultiplier = outputMultiplier;
        OutputShift = outputShift;
        OutputZeroPoint = outputZeroPoint;
        ActivationMin = activationMin;
        ActivationMax = activationMax;
    }

    /// <summary>Zero point of input 1.</summary>
    public int Input1ZeroPoint { get; }

    /// <summary>Zero point of input 2.</summary>
    public int Input2ZeroPoint { get; }

    /// <summary>Q0.31 multiplier of scale1 * scale2 / output scale.</summary>
    public int OutputMultiplier { get; }

    /// <summary>Shift of the output multiplier.</summary>
    public int OutputShift { get; }

    /// <summary>Output zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>Lower clamp (fused activation), including the zero point.</summary>
    public int ActivationMin { get; }

    /// <summary>Upper clamp (fused activation), including the zero point.</summary>
    public int ActivationMax { get; }
}
