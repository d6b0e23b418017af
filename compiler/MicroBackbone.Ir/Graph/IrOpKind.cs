namespace MicroBackbone.Ir;

/// <summary>
/// The operators of the IR. Operand conventions (inputs → outputs; x is an NHWC activation):
/// Conv2D (x, weights OHWI, bias[O]?) → y; DepthwiseConv2D (x, weights 1HWO, bias[O]?) → y;
/// FullyConnected (x [N, ...in], weights [out, in], bias[out]?) → [N, out]; Add/Mul/Sub/Maximum/Minimum (a, b) → broadcast(a, b);
/// Prelu (x, alpha) → broadcast(x, alpha); every other op takes one input and gives one output. A pointwise convolution is a Conv2D with a 1x1 kernel.
/// </summary>
public enum IrOpKind
{
    /// <summary>2-D convolution, weights OHWI, optional int32/float bias.</summary>
    Conv2D,

    /// <summary>Depthwise 2-D convolution, weights 1HWO with O = C_in * depth multiplier.</summary>
    DepthwiseConv2D,

    /// <summary>Fully connected layer, weights [out, in]; the input is flattened per batch.</summary>
    FullyConnected,

    /// <summary>Elementwise addition with broadcasting of size-1 dimensions (same rank).</summary>
    Add,

    /// <summary>Elementwise multiplication with broadcasting of size-1 dimensions (same rank), e.g. SE scaling.</summary>
    Mul,

    /// <summary>Per-channel spatial shift with zero fill: out[n, y, x, c] = in[n, y + dy_c, x + dx_c, c].</summary>
    Shift,

    /// <summary>Mean over H and W, keeping them as size 1: [N, H, W, C] → [N, 1, 1, C].</summary>
    GlobalAveragePool,

    /// <summary>Average pooling over a window (padding cells are not counted).</summary>
    AveragePool2D,

    /// <summary>Max pooling over a window.</summary>
    MaxPool2D,

    /// <summary>Spatial padding of an NHWC tensor with its zero point (or 0 for float).</summary>
    Pad,

    /// <summary>Reinterprets the element order under a new shape (row-major, no data movement).</summary>
    Reshape,

    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>min(max(x, 0), 6).</summary>
    Relu6,

    /// <summary>relu6(x + 3) / 6.</summary>
    HardSigmoid,

    /// <summary>x * relu6(x + 3) / 6.</summary>
    HardSwish,

    /// <summary>Logistic 1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>Softmax over the last dimension, exp(beta * x) normalized.</summary>
    Softmax,

    /// <summary>float32 → int8/uint8 with the output's quantization parameters (or int8 ↔ uint8 requantize).</summary>
    Quantize,

    /// <summary>int8/uint8 → float32 with the input's quantization parameters.</summary>
    Dequantize,

    /// <summary>Permutes the dimensions: out.shape[i] = in.shape[perm[i]] (pure addressing).</summary>
    Transpose,

    /// <summary>
    /// Strided window of any rank: out[i...] = in[begin + i * stride ...], out.shape = size (same rank; a TFLite
    /// shrink axis is a following Reshape). SLICE, STRIDED_SLICE, SPLIT and SPLIT_V all lower to it.
    /// </summary>
    StridedSlice,

    /// <summary>Joins its inputs (1..n, same rank, same quantization) along one axis.</summary>
    Concatenation,

    /// <summary>
    /// Constant padding of any rank: (x, value[1] constant) → x with before/after amounts per dimension, the border
    /// filled with the value tensor's stored element (TFLite PADV2).
    /// </summary>
    PadV2,

    /// <summary>Elementwise subtraction a - b with broadcasting of size-1 dimensions (same rank).</summary>
    Sub,

    /// <summary>Elementwise maximum of two tensors with broadcasting of size-1 dimensions (same rank).</summary>
    Maximum,

    /// <summary>Elementwise minimum of two tensors with broadcasting of size-1 dimensions (same rank).</summary>
    Minimum,

    /// <summary>x for x &gt; 0, alpha * x otherwise (alpha an attribute).</summary>
    LeakyRelu,

    /// <summary>(x, alpha) → x for x &gt;= 0, alpha * x otherwise; alpha broadcasts to x (same rank, e.g. [1, 1, 1, C]).</summary>
    Prelu,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary>Nearest-neighbour resize of the H and W of an NHWC tensor.</summary>
    ResizeNearestNeighbor,

    /// <summary>Bilinear resize of the H and W of an NHWC tensor.</summary>
    ResizeBilinear,
    /// <summary>
    /// Singular value decomposition filter, one streaming step (TFLite SVDF): (x [N, in], weights_feature [F, in],
    /// weights_time [F, M], state [N, F * M], bias [F / rank]?) → [N, F / rank]. The state tensor is an
    /// <see cref="IrTensor.IsState"/> tensor the operator reads and rewrites on every call (F filters, M memory steps).
    /// </summary>
    Svdf,

    /// <summary>
    /// Transposed 2-D convolution (TFLite TRANSPOSE_CONV): (x, weights OHWI, bias[O]?) → [N, OutputHeight,
    /// OutputWidth, O]; input pixel (iy, ix) scatters weights[o, ky, kx, i] * x[iy, ix, i] onto output pixel
    /// (iy * stride - pad_top + ky, ix * stride - pad_left + kx), taps outside the output dropped.
    /// </summary>
    TransposeConv2D,
}

/// <summary>Facts about <see cref="IrOpKind"/> values.</summary>
public static class IrOpKindFacts
{
    /// <summary>True for the one-input, same-shape activation functions.</summary>
    public static bool IsActivation(this IrOpKind kind) =>
        kind is IrOpKind.Relu or IrOpKind.Relu6 or IrOpKind.HardSigmoid or IrOpKind.HardSwish or IrOpKind.Sigmoid
            or IrOpKind.LeakyRelu or IrOpKind.Tanh;

    /// <summary>True for ops whose attributes carry a <see cref="FusedActivation"/>.</summary>
    public static bool CanFuseActivation(this IrOpKind kind) =>
        kind is IrOpKind.Conv2D or IrOpKind.DepthwiseConv2D or IrOpKind.FullyConnected or IrOpKind.Add or IrOpKind.Mul
            or IrOpKind.Sub or IrOpKind.TransposeConv2D;

    /// <summary>
    /// The operand index at which <paramref name="kind"/> reads the state tensor it owns (an
    /// <see cref="IrTensor.IsState"/> tensor it reads and rewrites on every call), or null for stateless kinds.
    /// </summary>
    public static int? StateOperand(this IrOpKind kind) => kind switch
    {
        IrOpKind.Svdf => 3,
        _ => null,
    };

    /// <summary>Parses the name used in <c>.mbir</c> files (the enum member name); false when unknown.</summary>
    public static bool TryParse(string name, out IrOpKind kind)
    {
        foreach (IrOpKind k in Enum.GetValues(typeof(IrOpKind)))
        {
            if (string.Equals(k.ToString(), name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
