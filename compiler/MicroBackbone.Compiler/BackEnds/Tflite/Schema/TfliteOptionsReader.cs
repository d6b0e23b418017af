using O = MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteSchema.Options;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Reads one builtin options table into its typed record, checking enum values on the way.</summary>
internal static class TfliteOptionsReader
{
    /// <summary>The record for an options table of union type <paramref name="typeId"/>.</summary>
    public static TfliteBuiltinOptions Read(FlatBufferTableView t, TfliteOptionsTypeId typeId) => typeId switch
    {
        TfliteOptionsTypeId.Conv2DOptions => new TfliteConv2DOptions(
            Padding(t),
            t.Int(O.ConvStrideW, "stride_w"),
            t.Int(O.ConvStrideH, "stride_h"),
            Activation(t, O.Conv2DActivation),
            t.Int(O.Conv2DDilationW, "dilation_w_factor", 1),
            t.Int(O.Conv2DDilationH, "dilation_h_factor", 1),
            BiasType(t, O.Conv2DQuantizedBiasType)),
        TfliteOptionsTypeId.DepthwiseConv2DOptions => new TfliteDepthwiseConv2DOptions(
            Padding(t),
            t.Int(O.ConvStrideW, "stride_w"),
            t.Int(O.ConvStrideH, "stride_h"),
            t.Int(O.DepthwiseMultiplier, "depth_multiplier"),
            Activation(t, O.DepthwiseActivation),
            t.Int(O.DepthwiseDilationW, "dilation_w_factor", 1),
            t.Int(O.DepthwiseDilationH, "dilation_h_factor", 1)),
        TfliteOptionsTypeId.Pool2DOptions => new TflitePool2DOptions(
            Padding(t),
            t.Int(O.ConvStrideW, "stride_w"),
            t.Int(O.ConvStrideH, "stride_h"),
            t.Int(O.PoolFilterWidth, "filter_width"),
            t.Int(O.PoolFilterHeight, "filter_height"),
            Activation(t, O.PoolActivation)),
        TfliteOptionsTypeId.FullyConnectedOptions => ReadFullyConnected(t),
        TfliteOptionsTypeId.SoftmaxOptions => new TfliteSoftmaxOptions(t.Float(O.SoftmaxBeta, "beta")),
        TfliteOptionsTypeId.ConcatenationOptions => new TfliteConcatenationOptions(
            t.Int(O.ConcatenationAxis, "axis"),
            Activation(t, O.ConcatenationActivation)),
        TfliteOptionsTypeId.AddOptions => new TfliteAddOptions(
            Activation(t, O.ElementwiseActivation),
            t.Bool(O.ElementwisePotScaleInt16, "pot_scale_int16", true)),
        TfliteOptionsTypeId.SubOptions => new TfliteSubOptions(
            Activation(t, O.ElementwiseActivation),
            t.Bool(O.ElementwisePotScaleInt16, "pot_scale_int16", true)),
        TfliteOptionsTypeId.MulOptions => new TfliteMulOptions(Activation(t, O.ElementwiseActivation)),
        TfliteOptionsTypeId.ReshapeOptions => new TfliteReshapeOptions(
            t.Ints(O.ReshapeNewShape, "new_shape") is { } shape ? StructuralList.Create<int>(shape) : null),
        TfliteOptionsTypeId.ReducerOptions => new TfliteReducerOptions(t.Bool(O.ReducerKeepDims, "keep_dims")),
        TfliteOptionsTypeId.StridedSliceOptions => new TfliteStridedSliceOptions(
            t.Int(O.StridedSliceBeginMask, "begin_mask"),
            t.Int(O.StridedSliceEndMask, "end_mask"),
            t.Int(O.StridedSliceEllipsisMask, "ellipsis_mask"),
            t.Int(O.StridedSliceNewAxisMask, "new_axis_mask"),
            t.Int(O.StridedSliceShrinkAxisMask, "shrink_axis_mask"),
            t.Bool(O.StridedSliceOffset, "offset")),
        TfliteOptionsTypeId.PadOptions => new TflitePadOptions(),
        TfliteOptionsTypeId.DequantizeOptions => new TfliteDequantizeOptions(),
        TfliteOptionsTypeId.QuantizeOptions => new TfliteQuantizeOptions(),
        TfliteOptionsTypeId.HardSwishOptions => new TfliteHardSwishOptions(),
        TfliteOptionsTypeId.PadV2Options => new TflitePadV2Options(),
        _ => throw t.Fail(string.Empty, $"options table {TfliteSchemaNames.OptionType((int)typeId)} is not supported"),
    };

    private static TfliteFullyConnectedOptions ReadFullyConnected(FlatBufferTableView t)
    {
        var format = t.SByte(O.FullyConnectedWeightsFormat, "weights_format");
        if (format != 0)
        {
            throw t.Fail("weights_format", $"weights format {format} (shuffled) is not supported, only DEFAULT (0)");
        }

        return new TfliteFullyConnectedOptions(
            Activation(t, O.FullyConnectedActivation),
            t.Bool(O.FullyConnectedKeepNumDims, "keep_num_dims"),
            t.Bool(O.FullyConnectedAsymmetricQuantizeInputs, "asymmetric_quantize_inputs"),
            BiasType(t, O.FullyConnectedQuantizedBiasType));
    }

    private static TflitePadding Padding(FlatBufferTableView t)
    {
        var value = t.SByte(O.ConvPadding, "padding");
        return Enum.IsDefined((TflitePadding)value)
            ? (TflitePadding)value
            : throw t.Fail("padding", $"padding {value} is not SAME (0) or VALID (1)");
    }

    private static TfliteActivation Activation(FlatBufferTableView t, int slot)
    {
        var value = t.SByte(slot, "fused_activation_function");
        return Enum.IsDefined((TfliteActivation)value)
            ? (TfliteActivation)value
            : throw t.Fail("fused_activation_function", $"activation {value} is not a known ActivationFunctionType");
    }

    private static TfliteTensorType BiasType(FlatBufferTableView t, int slot) =>
        TfliteEnums.TensorType(t, slot, "quantized_bias_type");
}
