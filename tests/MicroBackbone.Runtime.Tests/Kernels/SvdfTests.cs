using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Runtime.Tests.Kernels;

/// <summary>The runtime SVDF equals the Ir.Int8 reference over several steps of one stream (the state carries over).</summary>
public class SvdfTests
{
    [Theory]
    // batches, input, units, rank, memory, bias, state zero point
    [InlineData(1, 10, 4, 1, 3, true, 0)]
    [InlineData(1, 7, 3, 2, 4, false, 0)]
    [InlineData(2, 6, 5, 1, 2, true, 0)]
    [InlineData(2, 9, 2, 3, 5, true, -37)]
    public void SvdfMatchesReferenceOverConsecutiveSteps(int batches, int inputSize, int units, int rank, int memory, bool withBias, int stateZeroPoint)
    {
        var rnd = new RandomData(1300 + (inputSize * 7) + memory);
        int filters = units * rank;
        var p = IrK.SvdfParams.Prepare(batches, inputSize, filters, memory, rank, rnd.Quant(0.02f, 0.08f), 0.01f, 0.0003f, 0.001f, stateZeroPoint, rnd.Quant(0.04f, 0.12f));
        sbyte[] weightsFeature = rnd.Weights(filters * inputSize);
        short[] weightsTime = Enumerable.Range(0, filters * memory).Select(_ => (short)rnd.Next(-3000, 3001)).ToArray();
        int[] bias = withBias ? rnd.Bias(units, 2_000_000) : [];
        var parameters = new SvdfParameters(p.Batches, p.InputSize, p.Filters, p.Memory, p.Rank, p.InputZeroPoint, p.StateZeroPoint, p.OutputZeroPoint,
            p.FeatureToState.Multiplier, p.FeatureToState.Shift, p.StateToOutput.Multiplier, p.StateToOutput.Shift);
        var expectedState = new short[p.StateLength];
        var actualState = new short[p.StateLength];
        var scratch = new int[p.ScratchLength];
        for (int step = 0; step < memory + 3; step++)
        {
            sbyte[] input = rnd.Int8(batches * inputSize);
            var expected = new sbyte[batches * units];
            var actual = new sbyte[batches * units];
            IrK.Svdf.Eval(p, input, weightsFeature, weightsTime, bias, expectedState, scratch, expected);
            Svdf.Run(parameters, input, weightsFeature, weightsTime, bias, actualState, actual);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedState, actualState);
        }
    }
}
