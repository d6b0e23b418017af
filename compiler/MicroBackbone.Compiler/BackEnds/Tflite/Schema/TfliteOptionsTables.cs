using Id = MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteOptionsTypeId;
using Op = MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteBuiltinOperator;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Every options table we read and write, each described once (slots and names as in the TFLite schema v3,
/// tensorflow/compiler/mlir/lite/schema/schema.fbs). Adding a table: its <see cref="TfliteOptionsTypeId"/> member,
/// its record, and one entry here; reader, writer, dumps and checks follow.
/// </summary>
internal static class TfliteOptionsTables
{
    private static readonly TfliteOptionsTable[] All =
    [
        Table<TfliteConv2DOptions>(Id.Conv2DOptions, [Op.Conv2D], f =>
            [
                f.Padding(0, o => o.Padding), f.Int(1, "stride_w", o => o.StrideW), f.Int(2, "stride_h", o => o.StrideH),
                f.Activation(3, o => o.Activation), f.Int(4, "dilation_w_factor", o => o.DilationW, 1),
                f.Int(5, "dilation_h_factor", o => o.DilationH, 1), f.TensorType(6, "quantized_bias_type", o => o.QuantizedBiasType),
            ],
            v => new(v.Padding(0), v.Int(1), v.Int(2), v.Activation(3), v.Int(4), v.Int(5), v.TensorType(6))),
        Table<TfliteDepthwiseConv2DOptions>(Id.DepthwiseConv2DOptions, [Op.DepthwiseConv2D], f =>
            [
                f.Padding(0, o => o.Padding), f.Int(1, "stride_w", o => o.StrideW), f.Int(2, "stride_h", o => o.StrideH),
                f.Int(3, "depth_multiplier", o => o.DepthMultiplier), f.Activation(4, o => o.Activation),
                f.Int(5, "dilation_w_factor", o => o.DilationW, 1), f.Int(6, "dilation_h_factor", o => o.DilationH, 1),
            ],
            v => new(v.Padding(0), v.Int(1), v.Int(2), v.Int(3), v.Activation(4), v.Int(5), v.Int(6))),
        Table<TflitePool2DOptions>(Id.Pool2DOptions, [Op.AveragePool2D, Op.MaxPool2D], f =>
            [
                f.Padding(0, o => o.Padding), f.Int(1, "stride_w", o => o.StrideW), f.Int(2, "stride_h", o => o.StrideH),
                f.Int(3, "filter_width", o => o.FilterWidth), f.Int(4, "filter_height", o => o.FilterHeight),
                f.Activation(5, o => o.Activation),
            ],
            v => new(v.Padding(0), v.Int(1), v.Int(2), v.Int(3), v.Int(4), v.Activation(5))),
        Table<TfliteFullyConnectedOptions>(Id.FullyConnectedOptions, [Op.FullyConnected], f =>
            [
                f.Activation(0, o => o.Activation), f.WeightsFormat(1), f.Bool(2, "keep_num_dims", o => o.KeepNumDims),
                f.Bool(3, "asymmetric_quantize_inputs", o => o.AsymmetricQuantizeInputs),
                f.TensorType(4, "quantized_bias_type", o => o.QuantizedBiasType),
            ],
            v => new(v.Activation(0), v.Bool(2), v.Bool(3), v.TensorType(4))),
        Table<TfliteSoftmaxOptions>(Id.SoftmaxOptions, [Op.Softmax], f => [f.Float(0, "beta", o => o.Beta)], v => new(v.Float(0))),
        Table<TfliteConcatenationOptions>(Id.ConcatenationOptions, [Op.Concatenation],
            f => [f.Int(0, "axis", o => o.Axis), f.Activation(1, o => o.Activation)],
            v => new(v.Int(0), v.Activation(1))),
        Table<TfliteAddOptions>(Id.AddOptions, [Op.Add],
            f => [f.Activation(0, o => o.Activation), f.Bool(1, "pot_scale_int16", o => o.PotScaleInt16, true)],
            v => new(v.Activation(0), v.Bool(1))),
        Table<TfliteSubOptions>(Id.SubOptions, [Op.Sub],
            f => [f.Activation(0, o => o.Activation), f.Bool(1, "pot_scale_int16", o => o.PotScaleInt16, true)],
            v => new(v.Activation(0), v.Bool(1))),
        Table<TfliteMulOptions>(Id.MulOptions, [Op.Mul], f => [f.Activation(0, o => o.Activation)], v => new(v.Activation(0))),
        Table<TfliteReshapeOptions>(Id.ReshapeOptions, [Op.Reshape], f => [f.Ints(0, "new_shape", o => o.NewShape)], v => new(v.Ints(0))),
        Table<TfliteReducerOptions>(Id.ReducerOptions, [Op.Mean], f => [f.Bool(0, "keep_dims", o => o.KeepDims)], v => new(v.Bool(0))),
        Table<TfliteStridedSliceOptions>(Id.StridedSliceOptions, [Op.StridedSlice], f =>
            [
                f.Int(0, "begin_mask", o => o.BeginMask), f.Int(1, "end_mask", o => o.EndMask),
                f.Int(2, "ellipsis_mask", o => o.EllipsisMask), f.Int(3, "new_axis_mask", o => o.NewAxisMask),
                f.Int(4, "shrink_axis_mask", o => o.ShrinkAxisMask), f.Bool(5, "offset", o => o.Offset),
            ],
            v => new(v.Int(0), v.Int(1), v.Int(2), v.Int(3), v.Int(4), v.Bool(5))),
        Table<TfliteSplitOptions>(Id.SplitOptions, [Op.Split], f => [f.Int(0, "num_splits", o => o.NumSplits)], v => new(v.Int(0))),
        Table<TfliteSplitVOptions>(Id.SplitVOptions, [Op.SplitV], f => [f.Int(0, "num_splits", o => o.NumSplits)], v => new(v.Int(0))),
        Table<TfliteSqueezeOptions>(Id.SqueezeOptions, [Op.Squeeze], f => [f.Ints(0, "squeeze_dims", o => o.SqueezeDims)], v => new(v.Ints(0))),
        Table<TfliteLeakyReluOptions>(Id.LeakyReluOptions, [Op.LeakyRelu], f => [f.Float(0, "alpha", o => o.Alpha)], v => new(v.Float(0))),

        // Slots 0 and 1 (new_height, new_width) are deprecated: the size is the second input.
        Table<TfliteResizeBilinearOptions>(Id.ResizeBilinearOptions, [Op.ResizeBilinear],
            f => [f.Bool(2, "align_corners", o => o.AlignCorners), f.Bool(3, "half_pixel_centers", o => o.HalfPixelCenters)],
            v => new(v.Bool(2), v.Bool(3))),
        Table<TfliteResizeNearestNeighborOptions>(Id.ResizeNearestNeighborOptions, [Op.ResizeNearestNeighbor],
            f => [f.Bool(0, "align_corners", o => o.AlignCorners), f.Bool(1, "half_pixel_centers", o => o.HalfPixelCenters)],
            v => new(v.Bool(0), v.Bool(1))),
        Table<TfliteTransposeConvOptions>(Id.TransposeConvOptions, [Op.TransposeConv], f =>
            [
                f.Padding(0, o => o.Padding), f.Int(1, "stride_w", o => o.StrideW), f.Int(2, "stride_h", o => o.StrideH),
                f.Activation(3, o => o.Activation), f.TensorType(4, "quantized_bias_type", o => o.QuantizedBiasType),
            ],
            v => new(v.Padding(0), v.Int(1), v.Int(2), v.Activation(3), v.TensorType(4))),
        Table<TfliteSvdfOptions>(Id.SVDFOptions, [Op.Svdf], f =>
            [
                f.Int(0, "rank", o => o.Rank), f.Activation(1, o => o.Activation),
                f.Bool(2, "asymmetric_quantize_inputs", o => o.AsymmetricQuantizeInputs),
            ],
            v => new(v.Int(0), v.Activation(1), v.Bool(2))),
        Table<TfliteVarHandleOptions>(Id.VarHandleOptions, [Op.VarHandle],
            f => [f.String(0, "container", o => o.Container), f.String(1, "shared_name", o => o.SharedName)],
            v => new(v.String(0), v.String(1))),
        Empty<TflitePadOptions>(Id.PadOptions, Op.Pad),
        Empty<TflitePadV2Options>(Id.PadV2Options, Op.PadV2),
        Empty<TfliteDequantizeOptions>(Id.DequantizeOptions, Op.Dequantize),
        Empty<TfliteQuantizeOptions>(Id.QuantizeOptions, Op.Quantize),
        Empty<TfliteHardSwishOptions>(Id.HardSwishOptions, Op.HardSwish),
        Empty<TfliteMaximumMinimumOptions>(Id.MaximumMinimumOptions, Op.Maximum, Op.Minimum),
        Empty<TfliteTransposeOptions>(Id.TransposeOptions, Op.Transpose),
        Empty<TfliteExpandDimsOptions>(Id.ExpandDimsOptions, Op.ExpandDims),
        Empty<TfliteSliceOptions>(Id.SliceOptions, Op.Slice),
        Empty<TfliteReadVariableOptions>(Id.ReadVariableOptions, Op.ReadVariable),
        Empty<TfliteAssignVariableOptions>(Id.AssignVariableOptions, Op.AssignVariable),
    ];

    private static readonly Dictionary<TfliteOptionsTypeId, TfliteOptionsTable> ByTypeId = All.ToDictionary(t => t.TypeId);

    private static readonly Dictionary<Type, TfliteOptionsTable> ByRecord = All.ToDictionary(t => t.RecordType);

    private static readonly Dictionary<TfliteBuiltinOperator, TfliteOptionsTypeId> ByOperator =
        All.SelectMany(t => t.Operators.Select(op => (op, t.TypeId))).ToDictionary(p => p.op, p => p.TypeId);

    /// <summary>Every described table.</summary>
    public static IReadOnlyList<TfliteOptionsTable> Tables => All;

    /// <summary>The table of union type id <paramref name="typeId"/>, or null when we do not support it.</summary>
    public static TfliteOptionsTable? Find(byte typeId) => ByTypeId.GetValueOrDefault((TfliteOptionsTypeId)typeId);

    /// <summary>The table of an options record.</summary>
    public static TfliteOptionsTable Of(TfliteBuiltinOptions options) =>
        ByRecord.TryGetValue(options.GetType(), out var table)
            ? table
            : throw new ArgumentException($"Options record {options.GetType().Name} has no TFLite table description.", nameof(options));

    /// <summary>The options table <paramref name="op"/> takes, or None for operators without options.</summary>
    public static TfliteOptionsTypeId ExpectedFor(TfliteBuiltinOperator op) => ByOperator.GetValueOrDefault(op, TfliteOptionsTypeId.None);

    private static TfliteOptionsTable Table<T>(
        TfliteOptionsTypeId typeId,
        TfliteBuiltinOperator[] operators,
        Func<TfliteOptionFieldsOf<T>, TfliteOptionField[]> fields,
        Func<TfliteOptionValues, T> create)
        where T : TfliteBuiltinOptions =>
        new(typeId, typeof(T), operators, fields(new TfliteOptionFieldsOf<T>()), v => create(v));

    private static TfliteOptionsTable Empty<T>(TfliteOptionsTypeId typeId, params TfliteBuiltinOperator[] operators)
        where T : TfliteBuiltinOptions, new() =>
        new(typeId, typeof(T), operators, [], _ => new T());
}
