namespace MicroBackbone.Ir;

/// <summary>
/// A tensor of the graph: an activation (<see cref="Data"/> is null; lives in the arena) or a constant (weights,
/// biases; <see cref="Data"/> holds the little-endian element bytes). Activations are NHWC; conv weights OHWI,
/// depthwise weights 1HWO, fully-connected weights [out, in], biases [out].
/// </summary>
/// <param name="Id">Unique non-negative id operators refer to.</param>
/// <param name="Name">Human-readable name (unique names are recommended, not required).</param>
/// <param name="Shape">Dimensions; every one &gt;= 1.</param>
/// <param name="DataType">Element type.</param>
/// <param name="Quant">Quantization parameters; required for int8/uint8 tensors.</param>
/// <param name="Data">Constant bytes (little-endian, row-major), or null for activations.</param>
public sealed record IrTensor(
    int Id,
    string Name,
    EquatableArray<int> Shape,
    IrDataType DataType,
    QuantParams? Quant = null,
    EquatableArray<byte>? Data = null)
{
    /// <summary>True for weights and other constants (tensors carrying data).</summary>
    public bool IsConstant => Data is not null;

    /// <summary>Product of the dimensions.</summary>
    public long ElementCount => TensorShape.ElementCount(Shape);

    /// <summary>Bytes the tensor occupies: element count times element size.</summary>
    public long ByteSize => ElementCount * DataType.ElementSize();

    /// <summary>Short description for messages: <c>#3 'conv1_out' int8[1, 16, 16, 8]</c>.</summary>
    public string Describe() => $"#{Id} '{Name}' {DataType.ToMbirName()}{Shape}";
}
