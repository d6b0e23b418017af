namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>How an options field is stored in the flatbuffer and shown in dumps.</summary>
internal enum TfliteOptionFieldKind
{
    /// <summary>int32 scalar.</summary>
    Int,

    /// <summary>float32 scalar.</summary>
    Float,

    /// <summary>bool (one byte).</summary>
    Bool,

    /// <summary>Vector of int32, null when absent.</summary>
    Ints,

    /// <summary>String taken from the file, null when absent.</summary>
    String,

    /// <summary>Enum <c>Padding</c> (byte): SAME or VALID.</summary>
    Padding,

    /// <summary>Enum <c>ActivationFunctionType</c> (byte).</summary>
    Activation,

    /// <summary>Enum <c>TensorType</c> (byte).</summary>
    TensorType,

    /// <summary>Enum <c>FullyConnectedOptionsWeightsFormat</c> (byte): only DEFAULT (0) is read; not kept in a record.</summary>
    WeightsFormat,
}
