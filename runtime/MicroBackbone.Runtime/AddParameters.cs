namespace MicroBackbone.Runtime;

/// <summary>
/// The prepared integers of an int8 addition (TFLM add_common.cc): both inputs are centred, shifted left by
/// <see cref="LeftShift"/> bits and rescaled to a common scale, summed, then rescaled to the output.
/// </summary>
public readonly struct AddParameters
{
    /// <summary>The headroom shift applied to both centred inputs (TFLite's left_shift = 20).</summary>
    public const int LeftShift = 20;

    /// <summary>Creates the parameters from the Prepare step's integers.</summary>
    public AddParameters(int input1ZeroPoint, int input1Multiplier, int input1Shift, int input2ZeroPoint, int input2Multiplier,
        int input2Shift, int outputMultiplier, int outputShift, int outputZeroPoint, int activationMin, int activationMax)
    {
        Input1ZeroPoint = input1ZeroPoint;
        Input1Multiplier = input1Multiplier;
        Input1Shift = input1Shift;
        Input2ZeroPoint = input2ZeroPoint;
        Input2Multiplier = input2Multiplier;
        Input2Shift = input2Shift;
        OutputMultiplier = outputMultiplier;
        OutputShift = outputShift;
        OutputZeroPoint = outputZeroPoint;
        ActivationMin = activationMin;
        ActivationMax = activationMax;
    }

    /// <summary>Zero point of input 1.</summary>
    public int Input1ZeroPoint { get; }

    /// <summary>Q0.31 multiplier of input 1 (scale1 / (2 * max scale)).</summary>
    public int Input1Multiplier { get; }

    /// <summary>Shift of input 1's multiplier (&lt;= 0).</summary>
    public int Input1Shift { get; }

    /// <summary>Zero point of input 2.</summary>
    public int Input2ZeroPoint { get; }

    /// <summary>Q0.31 multiplier of input 2.</summary>
    public int Input2Multiplier { get; }

    /// <summary>Shift of input 2's multiplier (&lt;= 0).</summary>
    public int Input2Shift { get; }

    /// <summary>Q0.31 output multiplier (2 * max scale / (2^20 * output scale)).</summary>
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
