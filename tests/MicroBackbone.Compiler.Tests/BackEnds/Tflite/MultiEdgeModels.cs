using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// Converter-style models about the graph's edges, written with our TfliteWriter: several inputs and outputs (in an
/// order that differs from tensor order, an output that another operator also reads) and float32 edges (QUANTIZE at
/// the input, DEQUANTIZE before the output, the TFLite converter's default).
/// </summary>
internal static class MultiEdgeModels
{
    private const TfliteTensorType I8 = TfliteTensorType.Int8;
    private const TfliteTensorType F32 = TfliteTensorType.Float32;

    /// <summary>
    /// int8 x0, x1 [1,3,3,5] → sum = ADD(x0, x1) (RELU) and prod = MUL(sum, x1); outputs [prod, sum]: the second
    /// output is also read by the first, so it must stay intact until the end.
    /// </summary>
    public static TfliteModel TwoInputsTwoOutputs()
    {
        var m = new ConverterStyleModels();
        int[] shape = [1, 3, 3, 5];
        var x0 = m.Activation("x0", I8, shape, ConverterStyleModels.Q(0.05f, -3));
        var x1 = m.Activation("x1", I8, shape, ConverterStyleModels.Q(0.04f, 7));
        var sum = m.Activation("sum", I8, shape, ConverterStyleModels.Q(0.09f, -2));
        m.Op(TfliteBuiltinOperator.Add, [x0, x1], sum, new TfliteAddOptions(TfliteActivation.Relu));
        var prod = m.Activation("prod", I8, shape, ConverterStyleModels.Q(0.4f, 3));
        m.Op(TfliteBuiltinOperator.Mul, [sum, x1], prod, new TfliteMulOptions());
        return m.Build([x0, x1], [prod, sum]);
    }

    /// <summary>float32 [1,16] (64 bytes) → QUANTIZE → FULLY_CONNECTED (4 units) → DEQUANTIZE → float32 [1,4].</summary>
    public static TfliteModel FloatEdges()
    {
        var m = new ConverterStyleModels();
        var input = m.Activation("serving_default_input", F32, [1, 16]);
        var q = m.Activation("input_int8", I8, [1, 16], ConverterStyleModels.Q(0.03f, 4));
        m.Op(TfliteBuiltinOperator.Quantize, [input], q, new TfliteQuantizeOptions(), 1);
        var perTensor = m.Constant("dense/w", I8, [4, 16], m.Buffer(Enumerable.Range(0, 64).Select(i => (byte)((i * 37) + 11)).ToArray()), ConverterStyleModels.Q(0.015f, 0));
        var b = m.Bias("dense/b", 4, 0.03f, m.QuantOf(perTensor));
        var y = m.Activation("dense", I8, [1, 4], ConverterStyleModels.Q(0.1f, -5));
        m.Op(TfliteBuiltinOperator.FullyConnected, [q, perTensor, b], y, new TfliteFullyConnectedOptions(), 4);
        var output = m.Activation("StatefulPartitionedCall", F32, [1, 4]);
        m.Op(TfliteBuiltinOperator.Dequantize, [y], output, new TfliteDequantizeOptions());
        return m.Build([input], [output]);
    }

    /// <summary>float32 a, b [1,2,2,3] → QUANTIZE each → ADD and MUL → DEQUANTIZE each; outputs [sum, prod].</summary>
    public static TfliteModel FloatTwoInputsTwoOutputs()
    {
        var m = new ConverterStyleModels();
        int[] shape = [1, 2, 2, 3];
        var a = m.Activation("a", F32, shape);
        var b = m.Activation("b", F32, shape);
        var aq = m.Activation("a_q", I8, shape, ConverterStyleModels.Q(0.011f, -9));
        var bq = m.Activation("b_q", I8, shape, ConverterStyleModels.Q(0.007f, 12));
        m.Op(TfliteBuiltinOperator.Quantize, [a], aq, new TfliteQuantizeOptions(), 1);
        m.Op(TfliteBuiltinOperator.Quantize, [b], bq, new TfliteQuantizeOptions(), 1);
        var sum = m.Activation("sum_q", I8, shape, ConverterStyleModels.Q(0.016f, 1));
        m.Op(TfliteBuiltinOperator.Add, [aq, bq], sum, new TfliteAddOptions());
        var prod = m.Activation("prod_q", I8, shape, ConverterStyleModels.Q(0.0006f, -4));
        m.Op(TfliteBuiltinOperator.Mul, [aq, bq], prod, new TfliteMulOptions());
        var sumF = m.Activation("sum", F32, shape);
        var prodF = m.Activation("prod", F32, shape);
        m.Op(TfliteBuiltinOperator.Dequantize, [sum], sumF, new TfliteDequantizeOptions());
        m.Op(TfliteBuiltinOperator.Dequantize, [prod], prodF, new TfliteDequantizeOptions());
        return m.Build([a, b], [sumF, prodF]);
    }

    /// <summary>float32 a and int8 b [1,4] → ADD → DEQUANTIZE (float32 output) and MUL (int8 output).</summary>
    public static TfliteModel MixedEdges()
    {
        var m = new ConverterStyleModels();
        int[] shape = [1, 4];
        var a = m.Activation("a", F32, shape);
        var aq = m.Activation("a_q", I8, shape, ConverterStyleModels.Q(0.02f, 0));
        m.Op(TfliteBuiltinOperator.Quantize, [a], aq, new TfliteQuantizeOptions(), 1);
        var b = m.Activation("b", I8, shape, ConverterStyleModels.Q(0.03f, -6));
        var sum = m.Activation("sum_q", I8, shape, ConverterStyleModels.Q(0.04f, 2));
        m.Op(TfliteBuiltinOperator.Add, [aq, b], sum, new TfliteAddOptions());
        var prod = m.Activation("prod", I8, shape, ConverterStyleModels.Q(0.005f, -1));
        m.Op(TfliteBuiltinOperator.Mul, [aq, b], prod, new TfliteMulOptions());
        var sumF = m.Activation("sum", F32, shape);
        m.Op(TfliteBuiltinOperator.Dequantize, [sum], sumF, new TfliteDequantizeOptions());
        return m.Build([a, b], [sumF, prod]);
    }
}
