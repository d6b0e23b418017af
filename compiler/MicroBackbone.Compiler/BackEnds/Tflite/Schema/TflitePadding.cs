namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Spatial padding of convolutions and pools (TFLite schema v3 enum <c>Padding</c>).</summary>
public enum TflitePadding : sbyte
{
    /// <summary>Output size is ceil(input / stride); zeros are added as needed, more at the end.</summary>
    Same = 0,

    /// <summary>No padding; the window stays inside the input.</summary>
    Valid = 1,
}
