using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>MAXIMUM and MINIMUM: a constant on either side, rank-1 and rank-3 operands broadcast, negative zero points.</summary>
public sealed class MaximumMinimumOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("maximum_channel_constant_rank1", TfliteWriter.Write(Model(TfliteBuiltinOperator.Maximum, [1, 5, 7, 3], [3], Q(0.05f, -3), false, 1)));
        yield return ("minimum_constant_first_rank3", TfliteWriter.Write(Model(TfliteBuiltinOperator.Minimum, [1, 5, 7, 3], [5, 1, 1], Q(0.04f, 10), true, 2)));
        yield return ("maximum_same_shape_zp_minus128", TfliteWriter.Write(Model(TfliteBuiltinOperator.Maximum, [1, 3, 3, 5], [1, 3, 3, 5], Q(0.02f, -128), false, 3)));
        yield return ("minimum_rank2_row", TfliteWriter.Write(Model(TfliteBuiltinOperator.Minimum, [3, 7], [1, 7], Q(0.3f, 17), false, 4)));
    }

    private static TfliteQuantization Q(float scale, long zeroPoint) => ConverterStyleModels.Q(scale, zeroPoint);

    private static TfliteModel Model(TfliteBuiltinOperator op, int[] shape, int[] constantShape, TfliteQuantization q, bool constantFirst, int seed)
    {
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, shape, q);
        var bytes = new byte[constantShape.Aggregate(1, (p, d) => p * d)];
        new Random(seed).NextBytes(bytes);
        var c = m.Constant("c", TfliteTensorType.Int8, constantShape, m.Buffer(bytes), q);
        var y = m.Activation("y", TfliteTensorType.Int8, shape, q);
        m.Op(op, constantFirst ? [c, x] : [x, c], y, new TfliteMaximumMinimumOptions(), 2);
        return m.Build([x], [y]);
    }
}
