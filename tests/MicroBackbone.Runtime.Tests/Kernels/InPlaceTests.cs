using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Runtime.Tests.Kernels;

/// <summary>The elementwise kernels the README lists as in-place safe give the same bytes when output == input.</summary>
public class InPlaceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ElementwiseKernelsWorkInPlace(bool vectorized)
    {
        var rnd = new RandomData(1600);
        const int length = 2051;
        sbyte[] original = rnd.Int8(length);
        sbyte[] other = rnd.Int8(length);
        QuantizationParams q1 = rnd.Quant(), q2 = rnd.Quant(), qo = rnd.Quant(0.02f, 0.2f);
        bool saved = RuntimeFeatures.UseVectorization;
        RuntimeFeatures.UseVectorization = vectorized;
        try
        {
            var add = IrK.AddParams.Prepare(q1, q2, qo, FusedActivation.None);
            var addP = new AddParameters(-add.Input1Offset, add.Input1Multiplier.Multiplier, add.Input1Multiplier.Shift, -add.Input2Offset,
                add.Input2Multiplier.Multiplier, add.Input2Multiplier.Shift, add.OutputMultiplier.Multiplier, add.OutputMultiplier.Shift,
                add.OutputOffset, add.Clamp.Min, add.Clamp.Max);
            AssertInPlace(original, buffer => Add.Run(addP, buffer, other, buffer), output => Add.Run(addP, original, other, output));

            var mul = IrK.MulParams.Prepare(q1, q2, rnd.Quant(0.0005f, 0.01f), FusedActivation.None);
            var mulP = new MulParameters(-mul.Input1Offset, -mul.Input2Offset, mul.OutputMultiplier.Multiplier, mul.OutputMultiplier.Shift,
                mul.OutputOffset, mul.Clamp.Min, mul.Clamp.Max);
            AssertInPlace(original, buffer => Mul.Run(mulP, buffer, other, buffer), output => Mul.Run(mulP, original, other, output));

            var rq = IrK.RequantizeParams.Prepare(q1, qo);
            AssertInPlace(original, buffer => Requantize.Run(rq.InputZeroPoint, rq.Multiplier.Multiplier, rq.Multiplier.Shift, rq.OutputZeroPoint, buffer, buffer),
                output => Requantize.Run(rq.InputZeroPoint, rq.Multiplier.Multiplier, rq.Multiplier.Shift, rq.OutputZeroPoint, original, output));

            var hs = IrK.HardSigmoidParams.Prepare(q1);
            AssertInPlace(original, buffer => HardSigmoid.Run(hs.InputZeroPoint, hs.Bias, hs.Multiplier.Multiplier, hs.Multiplier.Shift, buffer, buffer),
                output => HardSigmoid.Run(hs.InputZeroPoint, hs.Bias, hs.Multiplier.Multiplier, hs.Multiplier.Shift, original, output));

            var lg = IrK.LogisticParams.Prepare(q1);
            AssertInPlace(original, buffer => Logistic.Run(lg.InputZeroPoint, lg.InputRangeRadius, lg.InputMultiplier, lg.InputLeftShift, buffer, buffer),
                output => Logistic.Run(lg.InputZeroPoint, lg.InputRangeRadius, lg.InputMultiplier, lg.InputLeftShift, original, output));

            var sm = IrK.SoftmaxParams.Prepare(7, q1);
            sbyte[] rows = original.AsSpan(0, 7 * 100).ToArray();
            AssertInPlace(rows, buffer => Softmax.Run(7, sm.InputMultiplier.Multiplier, sm.InputMultiplier.Shift, sm.DiffMin, buffer, buffer),
                output => Softmax.Run(7, sm.InputMultiplier.Multiplier, sm.InputMultiplier.Shift, sm.DiffMin, rows, output));
        }
        finally
        {
            RuntimeFeatures.UseVectorization = saved;
        }
    }

    private static void AssertInPlace(sbyte[] original, Action<sbyte[]> inPlace, Action<sbyte[]> separate)
    {
        sbyte[] buffer = (sbyte[])original.Clone();
        inPlace(buffer);
        var expected = new sbyte[original.Length];
        separate(expected);
        Assert.Equal(expected, buffer);
    }
}
