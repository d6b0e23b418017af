namespace MicroBackbone.Runtime;

/// <summary>
/// The prepared integers of an int8 SVDF step with int16 time weights and state (TFLM svdf_common.cc): the feature
/// dot products requantize into the state's scale, the time dot products into the output's.
/// </summary>
public readonly struct SvdfParameters
{
    /// <summary>Creates the parameters from the Prepare step's integers.</summary>
    public SvdfParameters(int batches, int inputSize, int filters, int memory, int rank, int inputZeroPoint, int stateZeroPoint,
        int outputZeroPoint, int featureMultiplier, int featureShift, int outputMultiplier, int outputShift)
    {
        Batches = batches;
        InputSize = inputSize;
        Filters = filters;
        Memory = memory;
        Rank = rank;
        InputZeroPoint = inputZeroPoint;
        StateZeroPoint = stateZeroPoint;
        OutputZeroPoint = outputZeroPoint;
        FeatureMultiplier = featureMultiplier;
        FeatureShift = featureShift;
        OutputMultiplier = outputMultiplier;
        OutputShift = outputShift;
        StateMin = short.MinValue;
        StateMax = short.MaxValue;
    }

    /// <summary>Creates the parameters of TFLite Micro's int8 variant (int8 time weights and state, passed widened to
    /// int16): the feature projection clamps to the int8 range and each new state entry keeps 8 bits.</summary>
    public SvdfParameters(int batches, int inputSize, int filters, int memory, int rank, int inputZeroPoint, int stateZeroPoint,
        int outputZeroPoint, int featureMultiplier, int featureShift, int outputMultiplier, int outputShift, bool int8State)
        : this(batches, inputSize, filters, memory, rank, inputZeroPoint, stateZeroPoint, outputZeroPoint, featureMultiplier, featureShift,
            outputMultiplier, outputShift)
    {
        Int8State = int8State;
        StateMin = int8State ? sbyte.MinValue : short.MinValue;
        StateMax = int8State ? sbyte.MaxValue : short.MaxValue;
    }

    /// <summary>True for the int8-state variant (values held in int16 slots).</summary>
    public bool Int8State { get; }

    /// <summary>Smallest value of a feature projection before the zero point is added.</summary>
    public int StateMin { get; }

    /// <summary>Largest value of a feature projection before the zero point is added.</summary>
    public int StateMax { get; }

    /// <summary>Input rows.</summary>
    public int Batches { get; }

    /// <summary>Input features per row.</summary>
    public int InputSize { get; }

    /// <summary>Filters (rows of the feature and time weights).</summary>
    public int Filters { get; }

    /// <summary>Memory steps each filter keeps in the state.</summary>
    public int Memory { get; }

    /// <summary>Filters summed into one output unit.</summary>
    public int Rank { get; }

    /// <summary>Input zero point.</summary>
    public int InputZeroPoint { get; }

    /// <summary>Zero point of the int16 state.</summary>
    public int StateZeroPoint { get; }

    /// <summary>Output zero point.</summary>
    public int OutputZeroPoint { get; }

    /// <summary>Q0.31 multiplier of the feature dot products into the state scale.</summary>
    public int FeatureMultiplier { get; }

    /// <summary>Shift of <see cref="FeatureMultiplier"/>.</summary>
    public int FeatureShift { get; }

    /// <summary>Q0.31 multiplier of the unit sums into the output scale.</summary>
    public int OutputMultiplier { get; }

    /// <summary>Shift of <see cref="OutputMultiplier"/>.</summary>
    public int OutputShift { get; }
}
