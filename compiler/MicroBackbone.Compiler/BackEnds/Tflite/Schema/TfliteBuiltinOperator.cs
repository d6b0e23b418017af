namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// The builtin operators we read and write, with their codes from the TFLite schema v3 enum <c>BuiltinOperator</c>
/// (an int32 in the file). Any other code in a file is reported by name as unsupported.
/// </summary>
public enum TfliteBuiltinOperator
{
    /// <summary>Elementwise addition (options: <see cref="TfliteAddOptions"/>).</summary>
    Add = 0,

    /// <summary>2-D average pooling (options: <see cref="TflitePool2DOptions"/>).</summary>
    AveragePool2D = 1,

    /// <summary>Concatenation along an axis (options: <see cref="TfliteConcatenationOptions"/>).</summary>
    Concatenation = 2,

    /// <summary>2-D convolution, NHWC input, OHWI filter (options: <see cref="TfliteConv2DOptions"/>).</summary>
    Conv2D = 3,

    /// <summary>Depthwise 2-D convolution, 1HWO filter (options: <see cref="TfliteDepthwiseConv2DOptions"/>).</summary>
    DepthwiseConv2D = 4,

    /// <summary>Quantized to float conversion.</summary>
    Dequantize = 6,

    /// <summary>Matrix product with [out, in] weights (options: <see cref="TfliteFullyConnectedOptions"/>).</summary>
    FullyConnected = 9,

    /// <summary>Sigmoid.</summary>
    Logistic = 14,

    /// <summary>2-D max pooling (options: <see cref="TflitePool2DOptions"/>).</summary>
    MaxPool2D = 17,

    /// <summary>Elementwise product (options: <see cref="TfliteMulOptions"/>).</summary>
    Mul = 18,

    /// <summary>max(x, 0).</summary>
    Relu = 19,

    /// <summary>Clamp to [0, 6].</summary>
    Relu6 = 21,

    /// <summary>Reshape; the target shape is the second input (options: <see cref="TfliteReshapeOptions"/>).</summary>
    Reshape = 22,

    /// <summary>Softmax over the last axis (options: <see cref="TfliteSoftmaxOptions"/>).</summary>
    Softmax = 25,

    /// <summary>Constant zero padding; paddings are the second input (options: <see cref="TflitePadOptions"/>).</summary>
    Pad = 34,

    /// <summary>Mean over the axes given as second input (options: <see cref="TfliteReducerOptions"/>).</summary>
    Mean = 40,

    /// <summary>Elementwise subtraction (options: <see cref="TfliteSubOptions"/>).</summary>
    Sub = 41,

    /// <summary>Strided slice; begin/end/strides are inputs (options: <see cref="TfliteStridedSliceOptions"/>).</summary>
    StridedSlice = 45,

    /// <summary>Float (or int) to quantized conversion.</summary>
    Quantize = 114,

    /// <summary>x * relu6(x + 3) / 6.</summary>
    HardSwish = 117,

    /// <summary>Bilinear resize to the size given as second input (options: <see cref="TfliteResizeBilinearOptions"/>).</summary>
    ResizeBilinear = 23,

    /// <summary>Singular value decomposition filter with a variable state tensor (options: <see cref="TfliteSvdfOptions"/>).</summary>
    Svdf = 27,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh = 28,

    /// <summary>Axis permutation given as second input (options: <see cref="TfliteTransposeOptions"/>).</summary>
    Transpose = 39,

    /// <summary>Removes size-1 axes (options: <see cref="TfliteSqueezeOptions"/>).</summary>
    Squeeze = 43,

    /// <summary>Equal split along the axis given as first input (options: <see cref="TfliteSplitOptions"/>).</summary>
    Split = 49,

    /// <summary>max(x, 0) + alpha * min(x, 0) with alpha the second input.</summary>
    PRelu = 54,

    /// <summary>Elementwise maximum (options: <see cref="TfliteMaximumMinimumOptions"/>).</summary>
    Maximum = 55,

    /// <summary>Elementwise minimum (options: <see cref="TfliteMaximumMinimumOptions"/>).</summary>
    Minimum = 57,

    /// <summary>Padding with the constant value given as third input (options: <see cref="TflitePadV2Options"/>).</summary>
    PadV2 = 60,

    /// <summary>Slice with begin and size inputs (options: <see cref="TfliteSliceOptions"/>).</summary>
    Slice = 65,

    /// <summary>Transposed 2-D convolution; output shape, filter, input, bias are inputs (options: <see cref="TfliteTransposeConvOptions"/>).</summary>
    TransposeConv = 67,

    /// <summary>Inserts a size-1 axis at the position given as second input (options: <see cref="TfliteExpandDimsOptions"/>).</summary>
    ExpandDims = 70,

    /// <summary>Nearest-neighbour resize (options: <see cref="TfliteResizeNearestNeighborOptions"/>).</summary>
    ResizeNearestNeighbor = 97,

    /// <summary>x for x &gt;= 0, alpha * x otherwise (options: <see cref="TfliteLeakyReluOptions"/>).</summary>
    LeakyRelu = 98,

    /// <summary>Split into parts of the sizes given as second input (options: <see cref="TfliteSplitVOptions"/>).</summary>
    SplitV = 102,

    /// <summary>Handle to a resource variable (options: <see cref="TfliteVarHandleOptions"/>).</summary>
    VarHandle = 142,

    /// <summary>Reads a resource variable (options: <see cref="TfliteReadVariableOptions"/>).</summary>
    ReadVariable = 143,

    /// <summary>Writes a resource variable (options: <see cref="TfliteAssignVariableOptions"/>).</summary>
    AssignVariable = 144,
}
