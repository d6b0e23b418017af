using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// Single SVDF layers shaped like the converter's int8 output (int8 feature weights, int16 time weights, int32 bias at
/// state scale × time scale, an int16 variable state): rank 1 and 2, several units, memory above 1, batch 2, RELU and
/// none (TFLite Micro's int8 kernel applies no fused activation, so outputs below the zero point must survive).
/// TFLite Micro's int8 SVDF requires the bias (its Prepare reads the bias scale), so there is no case without one here;
/// SvdfStatePersistenceTests and the IR tests cover a missing bias.
/// </summary>
public sealed class SvdfOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("svdf_rank1_units4_memory3_relu", TfliteWriter.Write(Svdf(batch: 1, input: 10, units: 4, rank: 1, memory: 3, TfliteActivation.Relu, seed: 1)));
        yield return ("svdf_rank2_units3_memory4", TfliteWriter.Write(Svdf(batch: 1, input: 7, units: 3, rank: 2, memory: 4, TfliteActivation.None, seed: 2)));
        yield return ("svdf_batch2_rank1_units5_memory2_relu", TfliteWriter.Write(Svdf(batch: 2, input: 6, units: 5, rank: 1, memory: 2, TfliteActivation.Relu, seed: 3)));
    }

    private static TfliteModel Svdf(int batch, int input, int units, int rank, int memory, TfliteActivation activation, int seed)
    {
        const float inputScale = 0.05f, featureScale = 0.01f, stateScale = 0.001f, timeScale = 0.0003f, outputScale = 0.08f;
        var random = new Random(seed);
        var filters = units * rank;
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, [batch, input], ConverterStyleModels.Q(inputScale, -3));
        var featureBytes = new byte[filters * input];
        random.NextBytes(featureBytes);
        var wf = m.Constant("weights_feature", TfliteTensorType.Int8, [filters, input], m.Buffer(featureBytes), ConverterStyleModels.Q(featureScale, 0));
        var timeBytes = Enumerable.Range(0, filters * memory).SelectMany(_ => BitConverter.GetBytes((short)random.Next(-3000, 3001))).ToArray();
        var wt = m.Constant("weights_time", TfliteTensorType.Int16, [filters, memory], m.Buffer(timeBytes), ConverterStyleModels.Q(timeScale, 0));
        var biasBytes = Enumerable.Range(0, units).SelectMany(_ => BitConverter.GetBytes(random.Next(-2_000_000, 2_000_001))).ToArray();
        var b = m.Constant("bias", TfliteTensorType.Int32, [units], m.Buffer(biasBytes), ConverterStyleModels.Q(stateScale * timeScale, 0));
        var state = m.Variable("activation_state", TfliteTensorType.Int16, [batch, filters * memory], ConverterStyleModels.Q(stateScale, 0));
        var y = m.Activation("y", TfliteTensorType.Int8, [batch, units], ConverterStyleModels.Q(outputScale, -5));
        m.Op(TfliteBuiltinOperator.Svdf, [x, wf, wt, b, state], y, new TfliteSvdfOptions(rank, activation), 4);
        return m.Build([x], [y]);
    }
}
