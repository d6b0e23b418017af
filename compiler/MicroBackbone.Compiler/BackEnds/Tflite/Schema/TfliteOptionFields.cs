namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// The fields of an options record under their schema names and with enum values spelled as in the schema
/// (e.g. fused_activation_function = "RELU6"), in schema order, for the text and JSON dumps.
/// </summary>
internal static class TfliteOptionFields
{
    private static readonly string[] ActivationNames = ["NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH", "SIGN_BIT"];

    /// <summary>Field name and value pairs; values are string (a schema name), <see cref="FileText"/>, int, bool, float or int[] (null when absent).</summary>
    public static IReadOnlyList<(string Name, object? Value)> Of(TfliteBuiltinOptions options) => options switch
    {
        TfliteConv2DOptions o =>
        [
            ("padding", Padding(o.Padding)), ("stride_w", o.StrideW), ("stride_h", o.StrideH),
            ("fused_activation_function", Activation(o.Activation)), ("dilation_w_factor", o.DilationW),
            ("dilation_h_factor", o.DilationH), ("quantized_bias_type", TensorType(o.QuantizedBiasType)),
        ],
        TfliteDepthwiseConv2DOptions o =>
        [
            ("padding", Padding(o.Padding)), ("stride_w", o.StrideW), ("stride_h", o.StrideH),
            ("depth_multiplier", o.DepthMultiplier), ("fused_activation_function", Activation(o.Activation)),
            ("dilation_w_factor", o.DilationW), ("dilation_h_factor", o.DilationH),
        ],
        TflitePool2DOptions o =>
        [
            ("padding", Padding(o.Padding)), ("stride_w", o.StrideW), ("stride_h", o.StrideH),
            ("filter_width", o.FilterWidth), ("filter_height", o.FilterHeight),
            ("fused_activation_function", Activation(o.Activation)),
        ],
        TfliteFullyConnectedOptions o =>
        [
            ("fused_activation_function", Activation(o.Activation)), ("keep_num_dims", o.KeepNumDims),
            ("asymmetric_quantize_inputs", o.AsymmetricQuantizeInputs),
            ("quantized_bias_type", TensorType(o.QuantizedBiasType)),
        ],
        TfliteSoftmaxOptions o => [("beta", o.Beta)],
        TfliteConcatenationOptions o => [("axis", o.Axis), ("fused_activation_function", Activation(o.Activation))],
        TfliteAddOptions o =>
            [("fused_activation_function", Activation(o.Activation)), ("pot_scale_int16", o.PotScaleInt16)],
        TfliteSubOptions o =>
            [("fused_activation_function", Activation(o.Activation)), ("pot_scale_int16", o.PotScaleInt16)],
        TfliteMulOptions o => [("fused_activation_function", Activation(o.Activation))],
        TfliteReshapeOptions o => [("new_shape", o.NewShape?.ToArray())],
        TfliteReducerOptions o => [("keep_dims", o.KeepDims)],
        TfliteStridedSliceOptions o =>
        [
            ("begin_mask", o.BeginMask), ("end_mask", o.EndMask), ("ellipsis_mask", o.EllipsisMask),
            ("new_axis_mask", o.NewAxisMask), ("shrink_axis_mask", o.ShrinkAxisMask), ("offset", o.Offset),
        ],
        TfliteSplitOptions o => [("num_splits", o.NumSplits)],
        TfliteSplitVOptions o => [("num_splits", o.NumSplits)],
        TfliteSqueezeOptions o => [("squeeze_dims", o.SqueezeDims?.ToArray())],
        TfliteLeakyReluOptions o => [("alpha", o.Alpha)],
        TfliteResizeBilinearOptions o => [("align_corners", o.AlignCorners), ("half_pixel_centers", o.HalfPixelCenters)],
        TfliteResizeNearestNeighborOptions o =>
            [("align_corners", o.AlignCorners), ("half_pixel_centers", o.HalfPixelCenters)],
        TfliteTransposeConvOptions o =>
        [
            ("padding", Padding(o.Padding)), ("stride_w", o.StrideW), ("stride_h", o.StrideH),
            ("fused_activation_function", Activation(o.Activation)),
            ("quantized_bias_type", TensorType(o.QuantizedBiasType)),
        ],
        TfliteSvdfOptions o =>
        [
            ("rank", o.Rank), ("fused_activation_function", Activation(o.Activation)),
            ("asymmetric_quantize_inputs", o.AsymmetricQuantizeInputs),
        ],
        TfliteVarHandleOptions o => [("container", FileText.Of(o.Container)), ("shared_name", FileText.Of(o.SharedName))],
        _ => [],
    };

    /// <summary>A string taken from the file (not a schema name): dumps quote it.</summary>
    /// <param name="Value">The text as stored.</param>
    public sealed record FileText(string Value)
    {
        /// <summary>The wrapped text, or null when the field is absent.</summary>
        public static FileText? Of(string? value) => value is null ? null : new FileText(value);
    }

    /// <summary>Schema name of a tensor type, e.g. "INT8".</summary>
    public static string TensorType(TfliteTensorType type) => TfliteSchemaNames.TensorType((int)type).Split(' ')[0];

    private static string Padding(TflitePadding padding) => padding == TflitePadding.Same ? "SAME" : "VALID";

    private static string Activation(TfliteActivation activation) =>
        (int)activation >= 0 && (int)activation < ActivationNames.Length ? ActivationNames[(int)activation] : activation.ToString();
}
