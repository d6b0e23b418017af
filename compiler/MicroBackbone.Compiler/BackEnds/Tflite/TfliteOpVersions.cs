using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// Operator versions the exporter declares and the oldest TFLite runtime able to run them. The numbers follow
/// TensorFlow's <c>lite/tools/versioning</c> rules for the cases we emit (schema v3): float kernels are version 1,
/// int8 kernels version 2 (CONV_2D/DEPTHWISE_CONV_2D 3, FULLY_CONNECTED 4, DEPTHWISE_CONV_2D with dilation 2 in
/// float); the runtime table is that project's <c>runtime_version.cc</c> for those pairs.
/// </summary>
internal static class TfliteOpVersions
{
    /// <summary>The version of <paramref name="op"/> for a kernel working on <paramref name="type"/>.</summary>
    public static int For(TfliteBuiltinOperator op, TfliteTensorType type, bool dilated = false)
    {
        var int8 = type == TfliteTensorType.Int8;
        return op switch
        {
            TfliteBuiltinOperator.Conv2D => int8 ? 3 : 1,
            TfliteBuiltinOperator.DepthwiseConv2D => int8 ? 3 : dilated ? 2 : 1,
            TfliteBuiltinOperator.FullyConnected => int8 ? 4 : 1,
            TfliteBuiltinOperator.Reshape or TfliteBuiltinOperator.HardSwish => 1,
            TfliteBuiltinOperator.Quantize => int8 ? 2 : 1,
            TfliteBuiltinOperator.Dequantize => int8 ? 2 : 1,
            _ => int8 ? 2 : 1,
        };
    }

    /// <summary>The oldest runtime version (e.g. "1.14.0") that has <paramref name="op"/> at <paramref name="version"/>.</summary>
    public static string MinRuntime(TfliteBuiltinOperator op, int version) => (op, version) switch
    {
        (TfliteBuiltinOperator.HardSwish, _) => "1.15.0",
        (TfliteBuiltinOperator.Quantize, 2) => "1.15.0",
        (TfliteBuiltinOperator.Relu, 2) => "2.1.0",
        (TfliteBuiltinOperator.DepthwiseConv2D, 2) => "1.12.0",
        (TfliteBuiltinOperator.Mean or TfliteBuiltinOperator.StridedSlice or TfliteBuiltinOperator.Sub, 1) => "1.6.0",
        (TfliteBuiltinOperator.Logistic or TfliteBuiltinOperator.Quantize, 1) => "1.14.0",
        (TfliteBuiltinOperator.Dequantize, 1) => "1.13.1",
        (TfliteBuiltinOperator.PadV2, 1) => "1.9.0",
        (TfliteBuiltinOperator.TransposeConv, 1) => "1.9.0",
        (TfliteBuiltinOperator.TransposeConv, 2) => "2.2.0",
        (TfliteBuiltinOperator.TransposeConv, 3) => "2.3.0",
        (TfliteBuiltinOperator.TransposeConv, 4) => "2.13.0",
        (_, 1) => "1.5.0",
        _ => "1.14.0",
    };

    /// <summary>The largest of dotted version strings, compared number by number.</summary>
    public static string Max(IEnumerable<string> versions) =>
        versions.Aggregate("1.5.0", (a, b) => Compare(a, b) >= 0 ? a : b);

    private static int Compare(string a, string b)
    {
        var x = a.Split('.').Select(int.Parse).ToArray();
        var y = b.Split('.').Select(int.Parse).ToArray();
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
