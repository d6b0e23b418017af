namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Element type of a tensor (TFLite schema v3 enum <c>TensorType</c>, stored as one byte).</summary>
public enum TfliteTensorType : sbyte
{
    /// <summary>32-bit IEEE float.</summary>
    Float32 = 0,

    /// <summary>16-bit IEEE float.</summary>
    Float16 = 1,

    /// <summary>32-bit signed integer.</summary>
    Int32 = 2,

    /// <summary>8-bit unsigned integer.</summary>
    UInt8 = 3,

    /// <summary>64-bit signed integer.</summary>
    Int64 = 4,

    /// <summary>Byte string.</summary>
    String = 5,

    /// <summary>Boolean.</summary>
    Bool = 6,

    /// <summary>16-bit signed integer.</summary>
    Int16 = 7,

    /// <summary>8-bit signed integer (our quantized activations and weights).</summary>
    Int8 = 9,

    /// <summary>64-bit IEEE float.</summary>
    Float64 = 10,
}
