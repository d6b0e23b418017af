using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// The operators the importer had before the oracle harness: the converter-style network with float edges and every
/// operator, the small int8 classifier, and single convolutions with negative zero points and odd sizes.
/// </summary>
public sealed class BaselineOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("baseline_every_operator_float_edges", TfliteWriter.Write(ConverterStyleModels.EveryOperator()));
        yield return ("baseline_small_int8_classifier", TfliteWriter.Write(TfliteTestModels.SmallInt8Classifier()));
        yield return ("baseline_conv_same_stride2_odd", TfliteWriter.Write(Conv(TflitePadding.Same, 2, [1, 7, 5, 3], [1, 4, 3, 6])));
        yield return ("baseline_conv_valid_stride1", TfliteWriter.Write(Conv(TflitePadding.Valid, 1, [1, 6, 6, 4], [1, 4, 4, 5])));
        yield return ("baseline_depthwise_same_stride1", TfliteWriter.Write(Depthwise(TflitePadding.Same, 1, [1, 5, 7, 6], [1, 5, 7, 6])));
        yield return ("baseline_depthwise_valid_stride2", TfliteWriter.Write(Depthwise(TflitePadding.Valid, 2, [1, 9, 8, 3], [1, 4, 3, 3])));
    }

    private static TfliteModel Conv(TflitePadding padding, int stride, int[] inputShape, int[] outputShape)
    {
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, inputShape, ConverterStyleModels.Q(0.031f, -7));
        var w = m.Int8Weights("w", [outputShape[3], 3, 3, inputShape[3]], 0);
        var b = m.Bias("b", outputShape[3], 0.031f, m.QuantOf(w));
        var y = m.Activation("y", TfliteTensorType.Int8, outputShape, ConverterStyleModels.Q(0.07f, 11));
        m.Op(TfliteBuiltinOperator.Conv2D, [x, w, b], y, new TfliteConv2DOptions(padding, stride, stride, TfliteActivation.None), 3);
        return m.Build([x], [y]);
    }

    private static TfliteModel Depthwise(TflitePadding padding, int stride, int[] inputShape, int[] outputShape)
    {
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, inputShape, ConverterStyleModels.Q(0.02f, 5));
        var w = m.Int8Weights("w", [1, 3, 3, outputShape[3]], 3);
        var b = m.Bias("b", outputShape[3], 0.02f, m.QuantOf(w));
        var y = m.Activation("y", TfliteTensorType.Int8, outputShape, ConverterStyleModels.Q(0.05f, -3));
        m.Op(TfliteBuiltinOperator.DepthwiseConv2D, [x, w, b], y, new TfliteDepthwiseConv2DOptions(padding, stride, stride, 1, TfliteActivation.Relu6), 3);
        return m.Build([x], [y]);
    }
}
