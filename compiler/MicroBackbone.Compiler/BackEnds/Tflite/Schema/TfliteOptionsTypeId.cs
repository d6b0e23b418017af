namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Union type ids of the <c>BuiltinOptions</c> union (TFLite schema v3) for the option tables we support; 0 means
/// no options. Stored as one unsigned byte in the operator's <c>builtin_options_type</c> field.
/// </summary>
internal enum TfliteOptionsTypeId : byte
{
    None = 0,
    Conv2DOptions = 1,
    DepthwiseConv2DOptions = 2,
    Pool2DOptions = 5,
    FullyConnectedOptions = 8,
    SoftmaxOptions = 9,
    ConcatenationOptions = 10,
    AddOptions = 11,
    ReshapeOptions = 17,
    MulOptions = 21,
    PadOptions = 22,
    ReducerOptions = 27,
    SubOptions = 28,
    StridedSliceOptions = 32,
    DequantizeOptions = 38,
    QuantizeOptions = 89,
    HardSwishOptions = 91,
    SVDFOptions = 6,
    ResizeBilinearOptions = 15,
    TransposeOptions = 26,
    SqueezeOptions = 30,
    SplitOptions = 35,
    MaximumMinimumOptions = 39,
    PadV2Options = 43,
    SliceOptions = 48,
    TransposeConvOptions = 49,
    ExpandDimsOptions = 52,
    ResizeNearestNeighborOptions = 74,
    LeakyReluOptions = 75,
    SplitVOptions = 79,
    VarHandleOptions = 111,
    ReadVariableOptions = 112,
    AssignVariableOptions = 113,
}
