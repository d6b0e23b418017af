using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// TFLite Micro's int8-state SVDF (keyword_scrambled_8bit's layers): int8 time weights and an int8 variable state with a
/// non-zero zero point, so the state starts at its zero point, the feature projection clamps to the int8 range and
/// zero point + projection wraps to 8 bits where it leaves it (zero point -50 with a projection near -128).
/// </summary>
public sealed class SvdfInt8StateOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("svdf_int8_state_rank1_units4_memory3", TfliteWriter.Write(Svdf(batch: 1, input: 12, units: 4, rank: 1, memory: 3, stateZeroPoint: -50, seed: 4)));
        yield return ("svdf_int8_state_batch2_rank2_units3_memory2", TfliteWriter.Write(Svdf(batch: 2, input: 9, units: 3, rank: 2, memory: 2, stateZeroPoint: 37, seed: 5)));
    }

    private static TfliteModel Svdf(int batch, int input, int units, int rank, int memory, int stateZeroPoint, int seed)
    {
        const float inputScale = 0.06f, featureScale = 0.009f, stateScale = 0.3f, timeScale = 0.015f, outputScale = 0.4f;
        var random = new Random(seed);
        var filters = units * rank;
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, [batch, input], ConverterStyleModels.Q(inputScale, -128));
        var featureBytes = new byte[filters * input];
        random.NextBytes(featureBytes);
        var wf = m.Constant("weights_feature", TfliteTensorType.Int8, [filters, input], m.Buffer(featureBytes), ConverterStyleModels.Q(featureScale, 0));
        var timeBytes = new byte[filters * memory];
        random.NextBytes(timeBytes);
        var wt = m.Constant("weights_time", TfliteTensorType.Int8, [filters, memory], m.Buffer(timeBytes), ConverterStyleModels.Q(timeScale, 0));
        var biasBytes = Enumerable.Range(0, units).SelectMany(_ => BitConverter.GetBytes(random.Next(-3000, 3001))).ToArray();
        var b = m.Constant("bias", TfliteTensorType.Int32, [units], m.Buffer(biasBytes), ConverterStyleModels.Q(stateScale * timeScale, 0));
        var state = m.Variable("activation_state", TfliteTensorType.Int8, [batch, filters * memory], ConverterStyleModels.Q(stateScale, stateZeroPoint));
        var y = m.Activation("y", TfliteTensorType.Int8, [batch, units], ConverterStyleModels.Q(outputScale, -10));
        m.Op(TfliteBuiltinOperator.Svdf, [x, wf, wt, b, state], y, new TfliteSvdfOptions(rank, TfliteActivation.Relu), 4);
        return m.Build([x], [y]);
    }
}
