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
/// <param name="IsState">
/// True for a state tensor (TFLite's variable tensors, e.g. an SVDF's activation state): it carries no data, is read
/// and rewritten by the operator that owns it, lives outside the activation arena, keeps its values from one call to
/// the next and returns to <see cref="StateResetValue"/> on a reset.
/// </param>
public sealed record IrTensor(
    int Id,
    string Name,
    EquatableArray<int> Shape,
    IrDataType DataType,
    QuantParams? Quant = null,
    EquatableArray<byte>? Data = null,
    bool IsState = false)
{
    /// <summary>True for weights and other constants (tensors carrying data).</summary>
    public bool IsConstant => Data is not null;

    /// <summary>
    /// The element value a reset (and the start) gives a state tensor: the zero point of an int8 state, 0 for every
    /// other type (TFLite Micro's <c>ResetVariableTensors</c>).
    /// </summary>
    public int StateResetValue => DataType == IrDataType.Int8 && Quant is { } q ? q.ZeroPoints[0] : 0;

    /// <summary>Product of the dimensions.</summary>
    public long ElementCount => TensorShape.ElementCount(Shape);

    /// <summary>Bytes the tensor occupies: element count times element size.</summary>
    public long ByteSize => ElementCount * DataType.ElementSize();

    /// <summary>Short description for messages: <c>#3 'conv1_out' int8[1, 16, 16, 8]</c>.</summary>
    public string Describe() => $"#{Id} '{Name}' {DataType.ToMbirName()}{Shape}";
}
