namespace MicroBackbone.Ir;

/// <summary>Element type of an IR tensor. Quantized tensors are int8/uint8 with <see cref="QuantParams"/>.</summary>
public enum IrDataType
{
    /// <summary>Signed 8-bit integer (quantized activations and weights).</summary>
    Int8,

    /// <summary>Unsigned 8-bit integer (e.g. raw image input before quantization).</summary>
    UInt8,

    /// <summary>Signed 32-bit integer (biases of quantized convolutions).</summary>
    Int32,

    /// <summary>IEEE 754 single precision (float graphs and the float side of Quantize/Dequantize).</summary>
    Float32,

    /// <summary>Signed 16-bit integer (the quantized activation state and time weights of an int8 SVDF).</summary>
    Int16,
}

/// <summary>Facts about <see cref="IrDataType"/> values.</summary>
public static class IrDataTypeFacts
{
    /// <summary>Size of one element in bytes.</summary>
    public static int ElementSize(this IrDataType type) => type switch
    {
        IrDataType.Int8 or IrDataType.UInt8 => 1,
        IrDataType.Int32 or IrDataType.Float32 => 4,
        IrDataType.Int16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown IR data type"),
    };

    /// <summary>True for the 8-bit types, which must carry quantization parameters.</summary>
    public static bool IsQuantized8Bit(this IrDataType type) => type is IrDataType.Int8 or IrDataType.UInt8;

    /// <summary>The lower-case name used in <c>.mbir</c> files and messages (<c>int8</c>, <c>float32</c>...).</summary>
    public static string ToMbirName(this IrDataType type) => type switch
    {
        IrDataType.Int8 => "int8",
        IrDataType.UInt8 => "uint8",
        IrDataType.Int32 => "int32",
        IrDataType.Float32 => "float32",
        IrDataType.Int16 => "int16",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown IR data type"),
    };

    /// <summary>Parses a name written by <see cref="ToMbirName"/>; false when unknown.</summary>
    public static bool TryParseMbirName(string name, out IrDataType type)
    {
        switch (name)
        {
            case "int8": type = IrDataType.Int8; return true;
            case "uint8": type = IrDataType.UInt8; return true;
            case "int32": type = IrDataType.Int32; return true;
            case "float32": type = IrDataType.Float32; return true;
            case "int16": type = IrDataType.Int16; return true;
            default: type = default; return false;
        }
    }
}
