namespace MicroBackbone.CSharpEmitter.Spec;

// The closed set of layer calls the generated Run method makes. Every number is final (computed by the Int8
// Prepare code at generation time); constants are referenced by their generated identifier. Convolution-like steps
// carry a folded bias, bias[o] - inputZeroPoint * sum(filter o), as MicroBackbone.Runtime's kernels take it.

/// <summary>One layer call of the generated code; <see cref="OperatorName"/> is model text for the comment.</summary>
internal abstract record StepSpec(string OperatorKind, string OperatorName, ArenaRegion Input, ArenaRegion Output);

/// <summary>Per-channel int8 convolution (weights OHWI).</summary>
internal sealed record Conv2DStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, Shape4 OutputShape, WindowSpec Window,
    string Weights, string FoldedBias, string Multipliers, string Shifts, int InputZeroPoint, int OutputZeroPoint, ClampSpec Clamp)
    : StepSpec("Conv2D", OperatorName, Input, Output);

/// <summary>Per-channel int8 depthwise convolution (weights 1HWC, depth multiplier 1).</summary>
internal sealed record DepthwiseConv2DStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, Shape4 OutputShape, WindowSpec Window,
    string Weights, string FoldedBias, string Multipliers, string Shifts, int InputZeroPoint, int OutputZeroPoint, ClampSpec Clamp)
    : StepSpec("DepthwiseConv2D", OperatorName, Input, Output);

/// <summary>
/// Per-channel int8 depthwise convolution with a depth multiplier above 1 (weights 1HWO, output channel o reads
/// input channel o / <see cref="DepthMultiplier"/>).
/// </summary>
internal sealed record DepthwiseMultiplierConv2DStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, Shape4 OutputShape, WindowSpec Window,
    int DepthMultiplier, string Weights, string FoldedBias, string Multipliers, string Shifts, int InputZeroPoint,
    int OutputZeroPoint, ClampSpec Clamp)
    : StepSpec("DepthwiseConv2D", OperatorName, Input, Output);

/// <summary>Per-channel int8 grouped convolution (weights OHWI with I = input channels / <see cref="Groups"/>).</summary>
internal sealed record GroupedConv2DStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, Shape4 OutputShape, WindowSpec Window,
    int Groups, string Weights, string FoldedBias, string Multipliers, string Shifts, int InputZeroPoint, int OutputZeroPoint,
    ClampSpec Clamp)
    : StepSpec("Conv2D", OperatorName, Input, Output);

/// <summary>int8 fully connected layer (weights [out, in]); per-channel or broadcast per-tensor multipliers.</summary>
internal sealed record FullyConnectedStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, int Batches, int InputDepth, int OutputDepth,
    string Weights, string FoldedBias, string Multipliers, string Shifts, int OutputZeroPoint, ClampSpec Clamp)
    : StepSpec("FullyConnected", OperatorName, Input, Output);

/// <summary>int8 addition of two same-shape tensors with TFLite's 20-bit headroom rescaling.</summary>
internal sealed record AddStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Input2, ArenaRegion Output, int Input1ZeroPoint, int Input2ZeroPoint,
    MultiplierSpec Input1Multiplier, MultiplierSpec Input2Multiplier, MultiplierSpec OutputMultiplier, int OutputZeroPoint,
    ClampSpec Clamp)
    : StepSpec("Add", OperatorName, Input, Output);

/// <summary>
/// int8 multiplication; <see cref="BroadcastShape"/> is set when the second operand is <c>[N, 1, 1, C]</c> (a
/// squeeze-and-excitation gate) and null when both operands have the same shape.
/// </summary>
internal sealed record MulStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Input2, ArenaRegion Output, int Input1ZeroPoint, int Input2ZeroPoint,
    MultiplierSpec OutputMultiplier, int OutputZeroPoint, ClampSpec Clamp, Shape4? BroadcastShape)
    : StepSpec("Mul", OperatorName, Input, Output);

/// <summary>int8 mean over H and W (global average pooling), multiplier folded with 1 / (H * W).</summary>
internal sealed record MeanStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, int InputZeroPoint,
    int OutputZeroPoint, MultiplierSpec Multiplier)
    : StepSpec("GlobalAveragePool", OperatorName, Input, Output);

/// <summary>int8 average or max pooling (same quantization in and out).</summary>
internal sealed record Pool2DStep(
    string OperatorName, bool IsMax, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, Shape4 OutputShape,
    WindowSpec Window, ClampSpec Clamp)
    : StepSpec(IsMax ? "MaxPool2D" : "AveragePool2D", OperatorName, Input, Output);

/// <summary>Spatial zero-point padding.</summary>
internal sealed record PadStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, Shape4 OutputShape, int PadTop,
    int PadLeft, sbyte Fill)
    : StepSpec("Pad", OperatorName, Input, Output);

/// <summary>Per-channel spatial shift; <see cref="OffsetsY"/>/<see cref="OffsetsX"/> name int32 constants.</summary>
internal sealed record ShiftStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, Shape4 Shape, string OffsetsY, string OffsetsX, sbyte Fill)
    : StepSpec("Shift", OperatorName, Input, Output);

/// <summary>A reshape whose output lives in another buffer than its input: a plain copy.</summary>
internal sealed record CopyStep(string OperatorName, ArenaRegion Input, ArenaRegion Output)
    : StepSpec("Reshape", OperatorName, Input, Output);

/// <summary>
/// An int8 elementwise function as a 256-entry table (<see cref="Table"/> names an int8 constant indexed by
/// <c>q + 128</c>): standalone Relu/Relu6, int8 requantization, HardSwish, HardSigmoid and Sigmoid. The table is
/// computed by the int8 spec's own kernels at generation time, so the result is exact by construction.
/// </summary>
internal sealed record LookupStep(string OperatorKind, string OperatorName, ArenaRegion Input, ArenaRegion Output, string Table)
    : StepSpec(OperatorKind, OperatorName, Input, Output);

/// <summary>int8 softmax over rows of <see cref="Depth"/> elements (output 1/256, -128).</summary>
internal sealed record SoftmaxStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, int Depth, MultiplierSpec InputMultiplier, int DiffMin)
    : StepSpec("Softmax", OperatorName, Input, Output);

/// <summary>
/// int8 subtraction with size-1 broadcasting: Add's integer form (TFLite's SUB Prepare), the second term subtracted.
/// <see cref="StepSpec.Input"/> is the first activation operand (for the comment).
/// </summary>
internal sealed record SubStep(
    string OperatorName, ArenaRegion Input, OperandSpec Input1, OperandSpec Input2, ArenaRegion Output, BroadcastSpec Shape,
    int Input1ZeroPoint, int Input2ZeroPoint, MultiplierSpec Input1Multiplier, MultiplierSpec Input2Multiplier,
    MultiplierSpec OutputMultiplier, int OutputZeroPoint, ClampSpec Clamp)
    : StepSpec("Sub", OperatorName, Input, Output);

/// <summary>int8 maximum or minimum of the stored values with size-1 broadcasting.</summary>
internal sealed record MaximumMinimumStep(
    string OperatorName, bool IsMaximum, ArenaRegion Input, OperandSpec Input1, OperandSpec Input2, ArenaRegion Output, BroadcastSpec Shape)
    : StepSpec(IsMaximum ? "Maximum" : "Minimum", OperatorName, Input, Output);

/// <summary>int8 PReLU, alpha broadcast (usually one per channel).</summary>
internal sealed record PreluStep(
    string OperatorName, ArenaRegion Input, OperandSpec Input1, OperandSpec Alpha, ArenaRegion Output, BroadcastSpec Shape,
    int InputZeroPoint, int AlphaZeroPoint, int OutputZeroPoint, MultiplierSpec Positive, MultiplierSpec Negative)
    : StepSpec("Prelu", OperatorName, Input, Output);

/// <summary>
/// Nearest-neighbour or bilinear resize; <see cref="Rows"/>/<see cref="Columns"/> name int32 constants (nearest: the
/// source index; bilinear: position in 1/1024 pixel, lower and upper neighbour per output index).
/// </summary>
internal sealed record ResizeStep(
    string OperatorName, bool IsBilinear, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, int OutputHeight, int OutputWidth,
    string Rows, string Columns)
    : StepSpec(IsBilinear ? "ResizeBilinear" : "ResizeNearestNeighbor", OperatorName, Input, Output);

/// <summary>
/// One int8 SVDF step; <see cref="State"/> is its slice of the model's int16 state (not of the arena) and
/// <see cref="Bias"/> names an int32 constant or is null.
/// </summary>
internal sealed record SvdfStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, ArenaRegion State, int Batches, int InputSize, int Filters,
    int Memory, int Rank, int InputZeroPoint, int StateZeroPoint, int OutputZeroPoint, MultiplierSpec FeatureMultiplier,
    MultiplierSpec OutputMultiplier, string WeightsFeature, string WeightsTime, string? Bias, bool Int8State = false)
    : StepSpec("Svdf", OperatorName, Input, Output);

/// <summary>
/// Per-channel int8 transposed convolution (weights OHWI); <see cref="Bias"/> names an int32 constant with one value
/// per filter (zeros when the model has none). The bias is not folded: which taps reach an output pixel varies.
/// </summary>
internal sealed record TransposeConv2DStep(
    string OperatorName, ArenaRegion Input, ArenaRegion Output, Shape4 InputShape, Shape4 OutputShape, int KernelHeight,
    int KernelWidth, int StrideHeight, int StrideWidth, int PadTop, int PadLeft, string Weights, string Bias, string Multipliers,
    string Shifts, int InputZeroPoint, int OutputZeroPoint, ClampSpec Clamp)
    : StepSpec("TransposeConv2D", OperatorName, Input, Output);
