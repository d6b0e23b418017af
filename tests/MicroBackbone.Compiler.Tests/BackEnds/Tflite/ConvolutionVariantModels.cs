using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// Single-operator int8 CONV_2D and DEPTHWISE_CONV_2D files, written with our flatbuffer writer, covering what
/// converter-made models carry beyond our own exports: depth multipliers 1, 2 and 8, dilation with SAME and VALID
/// padding, strides 2, odd sizes, negative zero points, fused activations, grouped convolutions (filters shallower than
/// their input). Per-axis int8 weights, int32 biases.
/// </summary>
internal static class ConvolutionVariantModels
{
    /// <summary>Every case by name (the names are test data ids and golden file names).</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        "dw_m8_same", "dw_m2_s2_same_relu6", "dw_m1_dil2_same", "dw_m2_dil2_valid", "dw_m8_5x5_s2_valid",
        "dw_m1_dil3x2_s2_same_relu", "conv_dil2_same", "conv_dil2x3_s2_valid_relu", "conv_groups2_same",
        "conv_groups3_dil2_s2_valid_relu", "conv_groups4_1x1",
    };

    /// <summary>The named case.</summary>
    public static TfliteModel Case(string name) => name switch
    {
        "dw_m8_same" => Depthwise(new[] { 1, 9, 7, 1 }, 3, 3, 8, TflitePadding.Same, 1, 1, 1, TfliteActivation.None, -5, -3),
        "dw_m2_s2_same_relu6" => Depthwise(new[] { 1, 8, 7, 3 }, 3, 3, 2, TflitePadding.Same, 2, 1, 1, TfliteActivation.Relu6, 12, -128),
        "dw_m1_dil2_same" => Depthwise(new[] { 1, 9, 9, 4 }, 3, 3, 1, TflitePadding.Same, 1, 2, 2, TfliteActivation.None, -100, 7),
        "dw_m2_dil2_valid" => Depthwise(new[] { 1, 10, 9, 3 }, 3, 3, 2, TflitePadding.Valid, 1, 2, 2, TfliteActivation.None, 3, -20),
        "dw_m8_5x5_s2_valid" => Depthwise(new[] { 1, 11, 9, 2 }, 5, 5, 8, TflitePadding.Valid, 2, 1, 1, TfliteActivation.None, -128, 0),
        "dw_m1_dil3x2_s2_same_relu" => Depthwise(new[] { 1, 13, 11, 5 }, 3, 3, 1, TflitePadding.Same, 2, 3, 2, TfliteActivation.Relu, -7, -9),
        "conv_dil2_same" => Conv(new[] { 1, 9, 8, 3 }, 3, 3, 5, TflitePadding.Same, 1, 2, 2, TfliteActivation.None, -9, 4),
        "conv_dil2x3_s2_valid_relu" => Conv(new[] { 1, 13, 14, 4 }, 3, 3, 6, TflitePadding.Valid, 2, 2, 3, TfliteActivation.Relu, 20, -60),
        "conv_groups2_same" => Conv(new[] { 1, 7, 9, 6 }, 3, 3, 4, TflitePadding.Same, 1, 1, 1, TfliteActivation.None, -30, 5, groups: 2),
        "conv_groups3_dil2_s2_valid_relu" => Conv(new[] { 1, 11, 10, 6 }, 3, 3, 9, TflitePadding.Valid, 2, 2, 2, TfliteActivation.Relu, 77, -100, groups: 3),
        "conv_groups4_1x1" => Conv(new[] { 1, 5, 5, 8 }, 1, 1, 8, TflitePadding.Valid, 1, 1, 1, TfliteActivation.None, -1, -2, groups: 4),
        _ => throw new ArgumentException($"no convolution case '{name}'", nameof(name)),
    };

    /// <summary>One DEPTHWISE_CONV_2D with 1HWO weights, O = C x <paramref name="multiplier"/>.</summary>
    public static TfliteModel Depthwise(int[] input, int kh, int kw, int multiplier, TflitePadding padding, int stride, int dilationH,
        int dilationW, TfliteActivation activation, int inputZeroPoint, int outputZeroPoint)
    {
        var channels = input[3] * multiplier;
        var m = new ConverterStyleModels();
        const float InputScale = 0.05f;
        var x = m.Activation("x", TfliteTensorType.Int8, input, ConverterStyleModels.Q(InputScale, inputZeroPoint));
        var w = m.Int8Weights("dw/w", new[] { 1, kh, kw, channels }, 3);
        var b = m.Bias("dw/b", channels, InputScale, m.QuantOf(w));
        var output = OutputShape(input, kh, kw, channels, padding, stride, dilationH, dilationW);
        var y = m.Activation("y", TfliteTensorType.Int8, output, ConverterStyleModels.Q(OutputScale(InputScale, kh * kw), outputZeroPoint));
        m.Op(TfliteBuiltinOperator.DepthwiseConv2D, new[] { x, w, b }, y,
            new TfliteDepthwiseConv2DOptions(padding, stride, stride, multiplier, activation, dilationW, dilationH), 3);
        return m.Build(new[] { x }, new[] { y });
    }

    /// <summary>One CONV_2D with OHWI weights; <paramref name="groups"/> above 1 makes the filters C / groups deep.</summary>
    public static TfliteModel Conv(int[] input, int kh, int kw, int outChannels, TflitePadding padding, int stride, int dilationH,
        int dilationW, TfliteActivation activation, int inputZeroPoint, int outputZeroPoint, int groups = 1)
    {
        var depth = input[3] / groups;
        var m = new ConverterStyleModels();
        const float InputScale = 0.04f;
        var x = m.Activation("x", TfliteTensorType.Int8, input, ConverterStyleModels.Q(InputScale, inputZeroPoint));
        var w = m.Int8Weights("conv/w", new[] { outChannels, kh, kw, depth }, 0);
        var b = m.Bias("conv/b", outChannels, InputScale, m.QuantOf(w));
        var output = OutputShape(input, kh, kw, outChannels, padding, stride, dilationH, dilationW);
        var y = m.Activation("y", TfliteTensorType.Int8, output, ConverterStyleModels.Q(OutputScale(InputScale, kh * kw * depth), outputZeroPoint));
        m.Op(TfliteBuiltinOperator.Conv2D, new[] { x, w, b }, y,
            new TfliteConv2DOptions(padding, stride, stride, activation, dilationW, dilationH), 3);
        return m.Build(new[] { x }, new[] { y });
    }

    /// <summary>TFLite's output size: SAME ceil(in / s), VALID ceil((in - ((k - 1) d + 1) + 1) / s).</summary>
    private static int[] OutputShape(int[] input, int kh, int kw, int channels, TflitePadding padding, int stride, int dh, int dw)
    {
        int Size(int size, int k, int d) => padding == TflitePadding.Same
            ? (size + stride - 1) / stride
            : (size - ((k - 1) * d) - 1 + stride) / stride;
        return new[] { input[0], Size(input[1], kh, dh), Size(input[2], kw, dw), channels };
    }

    /// <summary>
    /// An output scale that spreads a dot product of <paramref name="taps"/> random int8 pairs over about three
    /// quarters of the int8 range, so most outputs are not clamped (weights scales are about 0.01).
    /// </summary>
    private static float OutputScale(float inputScale, int taps) => (float)(inputScale * 0.011 * Math.Sqrt(taps) * 74 * 74 * 2.5 / 128);
}
