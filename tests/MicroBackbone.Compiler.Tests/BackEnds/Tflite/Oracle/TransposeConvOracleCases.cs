using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// TRANSPOSE_CONV (inputs: constant output_shape, OHWI per-axis int8 weights, input, optional int32 bias): strides 1,
/// 2 and 3x2, SAME and VALID, with and without bias, fused RELU and RELU6, odd sizes (an odd SAME output whose
/// padding is cut unevenly), a batch of 2, negative zero points.
/// </summary>
public sealed class TransposeConvOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("tconv_s1_same", TfliteWriter.Write(
            TransposeConv([1, 5, 4, 3], 3, 3, 4, 1, 1, TflitePadding.Same, [1, 5, 4, 4], bias: true, TfliteActivation.None, -5, 3)));
        yield return ("tconv_s2_same_relu", TfliteWriter.Write(
            TransposeConv([1, 4, 5, 3], 3, 3, 5, 2, 2, TflitePadding.Same, [1, 8, 10, 5], bias: true, TfliteActivation.Relu, 7, -20)));
        yield return ("tconv_s2_valid_4x3_nobias", TfliteWriter.Write(
            TransposeConv([1, 3, 4, 2], 4, 3, 3, 2, 2, TflitePadding.Valid, [1, 8, 9, 3], bias: false, TfliteActivation.None, -128, -9)));
        yield return ("tconv_s2_same_odd_output_relu6", TfliteWriter.Write(
            TransposeConv([1, 4, 4, 3], 3, 3, 4, 2, 2, TflitePadding.Same, [1, 7, 7, 4], bias: true, TfliteActivation.Relu6, 20, -100)));
        yield return ("tconv_s1_valid_batch2", TfliteWriter.Write(
            TransposeConv([2, 3, 5, 2], 3, 2, 3, 1, 1, TflitePadding.Valid, [2, 5, 6, 3], bias: true, TfliteActivation.None, -1, 11)));
        yield return ("tconv_s3x2_same_nobias", TfliteWriter.Write(
            TransposeConv([1, 3, 4, 2], 3, 3, 4, 3, 2, TflitePadding.Same, [1, 9, 8, 4], bias: false, TfliteActivation.None, 9, -3)));
    }

    /// <summary>One TRANSPOSE_CONV; the output scale spreads the taps one output pixel gathers over most of int8.</summary>
    internal static TfliteModel TransposeConv(int[] input, int kh, int kw, int filters, int strideH, int strideW, TflitePadding padding,
        int[] output, bool bias, TfliteActivation activation, int inputZeroPoint, int outputZeroPoint)
    {
        var m = new ConverterStyleModels();
        const float InputScale = 0.05f;
        var shape = m.Int32s("tconv/output_shape", [4], output);
        var w = m.Int8Weights("tconv/w", [filters, kh, kw, input[3]], 0);
        var x = m.Activation("x", TfliteTensorType.Int8, input, ConverterStyleModels.Q(InputScale, inputZeroPoint));
        var b = bias ? m.Bias("tconv/b", filters, InputScale, m.QuantOf(w)) : -1;
        var taps = ((kh + strideH - 1) / strideH) * ((kw + strideW - 1) / strideW) * input[3];
        var outputScale = (float)(InputScale * 0.011 * Math.Sqrt(taps) * 74 * 74 * 2.5 / 128);
        var y = m.Activation("y", TfliteTensorType.Int8, output, ConverterStyleModels.Q(outputScale, outputZeroPoint));
        m.Op(TfliteBuiltinOperator.TransposeConv, bias ? [shape, w, x, b] : [shape, w, x], y,
            new TfliteTransposeConvOptions(padding, strideW, strideH, activation), 3);
        return m.Build([x], [y]);
    }
}
