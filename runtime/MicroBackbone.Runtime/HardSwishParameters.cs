namespace MicroBackbone.Runtime;

/// <summary>The prepared integers of int8 hard-swish (TFLM hard_swish_common.cc HardSwishPrepare).</summary>
public readonly struct HardSwishParameters
{
    /// <summary>Creates the parameters from the Prepare step's integers.</summary>
    public HardSwishParameters(int inputZeroPoint, int outputZeroPoint, short reluishMultiplier, int reluishExponent,
        short outputMultiplier, int outputExponent)
    {
        InputZeroPoint = inputZeroPoint;
        OutputZeroPoint = outputZeroPoint;
        ReluishMultiplier = reluishMultiplier;
        ReluishExponent = reluishExponent;
        OutputMultiplier = outputMultiplier;
        OutputExponent = outputExponent;
    }

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>Output zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>Q0.15 multiplier onto the reluish scale 3/32768.</summary>
    public short ReluishMultiplier { get; }

    /// <summary>Exponent of the reluish multiplier.</summary>
    public int ReluishExponent { get; }

    /// <summary>Q0.15 multiplier of (input scale / 128) / output scale.</summary>
    public short OutputMultiplier { get; }

    /// <summary>Exponent of the output multiplier (&lt;= 0).</summary>
    public int OutputExponent { get; }
}
