using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// A FULLY_CONNECTED whose input is longer than the C kernel widens at once (fc.h MB_FC_CHUNK, 256): 601 inputs (three
/// chunks, the last partial and padded to k_pad 608), two batches, six outputs (a block of four and a block of two).
/// </summary>
public sealed class FullyConnectedOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("fc_long_input_chunked", TfliteWriter.Write(LongInput()));
    }

    private static TfliteModel LongInput()
    {
        const int inN = 601, outN = 6;
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, [2, inN], ConverterStyleModels.Q(0.03f, -9));
        var weights = Enumerable.Range(0, outN * inN).Select(i => (byte)((i * 53) + (i / 7))).ToArray();
        var w = m.Constant("w", TfliteTensorType.Int8, [outN, inN], m.Buffer(weights), ConverterStyleModels.Q(0.004f, 0));
        var b = m.Bias("b", outN, 0.03f, m.QuantOf(w));
        var y = m.Activation("y", TfliteTensorType.Int8, [2, outN], ConverterStyleModels.Q(0.3f, 6));
        m.Op(TfliteBuiltinOperator.FullyConnected, [x, w, b], y, new TfliteFullyConnectedOptions(), 4);
        return m.Build([x], [y]);
    }
}
