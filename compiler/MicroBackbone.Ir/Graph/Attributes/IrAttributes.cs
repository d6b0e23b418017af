namespace MicroBackbone.Ir;

/// <summary>
/// Base of the typed, immutable attribute records. Each op kind has one attribute type (or none); see
/// <see cref="ExpectedType"/>.
/// </summary>
public abstract record IrAttributes
{
    /// <summary>
    /// The attribute type an op kind carries, or null for kinds without attributes (activations, GlobalAveragePool,
    /// Quantize, Dequantize).
    /// </summary>
    public static Type? ExpectedType(IrOpKind kind) => kind switch
    {
        IrOpKind.Conv2D => typeof(Conv2DAttributes),
        IrOpKind.DepthwiseConv2D => typeof(DepthwiseConv2DAttributes),
        IrOpKind.FullyConnected => typeof(FullyConnectedAttributes),
        IrOpKind.Add or IrOpKind.Mul => typeof(ElementwiseAttributes),
        IrOpKind.Shift => typeof(ShiftAttributes),
        IrOpKind.AveragePool2D or IrOpKind.MaxPool2D => typeof(Pool2DAttributes),
        IrOpKind.Pad => typeof(PadAttributes),
        IrOpKind.Reshape => typeof(ReshapeAttributes),
        IrOpKind.Softmax => typeof(SoftmaxAttributes),
        IrOpKind.Transpose => typeof(TransposeAttributes),
        IrOpKind.StridedSlice => typeof(StridedSliceAttributes),
        IrOpKind.Concatenation => typeof(ConcatenationAttributes),
        IrOpKind.PadV2 => typeof(PadV2Attributes),
        IrOpKind.Sub => typeof(ElementwiseAttributes),
        IrOpKind.LeakyRelu => typeof(LeakyReluAttributes),
        IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear => typeof(ResizeAttributes),
        IrOpKind.Svdf => typeof(SvdfAttributes),
        IrOpKind.TransposeConv2D => typeof(TransposeConv2DAttributes),
        _ => null,
    };
}
