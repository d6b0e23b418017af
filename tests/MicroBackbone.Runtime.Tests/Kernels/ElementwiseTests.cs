using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Runtime.Tests.Kernels;

public class ElementwiseTests
{
    // Lengths cover the 16-lane body, its tail, and tiny inputs.
    public static TheoryData<int> Lengths => new() { 1, 15, 16, 67, 1000, 2000 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AddMatchesReference(int length)
    {
        var rnd = new RandomData(500 + length);
        foreach (FusedActivation activation in new[] { FusedActivation.None, FusedActivation.Relu6 })
        {
            QuantizationParams q1 = rnd.Quant(), q2 = rnd.Quant(), qo = rnd.Quant(0.02f, 0.2f);
            var p = IrK.AddParams.Prepare(q1, q2, qo, activation);
            sbyte[] a = rnd.Int8(length), b = rnd.Int8(length);
            var expected = new sbyte[length];
            IrK.Add.Eval(p, a, b, expected);
            var rp = new AddParameters(-p.Input1Offset, p.Input1Multiplier.Multiplier, p.Input1Multiplier.Shift, -p.Input2Offset,
                p.Input2Multiplier.Multiplier, p.Input2Multiplier.Shift, p.OutputMultiplier.Multiplier, p.OutputMultiplier.Shift,
                p.OutputOffset, p.Clamp.Min, p.Clamp.Max);
            BothPaths.AssertMatches(expected, length, output => Add.Run(rp, a, b, output));
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MulMatchesReference(int length)
    {
        var rnd = new RandomData(600 + length);
        QuantizationParams q1 = rnd.Quant(), q2 = rnd.Quant(), qo = rnd.Quant(0.0005f, 0.01f);
        var p = IrK.MulParams.Prepare(q1, q2, qo, FusedActivation.None);
        sbyte[] a = rnd.Int8(length), b = rnd.Int8(length);
        var expected = new sbyte[length];
        IrK.Mul.Eval(p, a, b, expected);
        var rp = ToRuntime(p);
        BothPaths.AssertMatches(expected, length, output => Mul.Run(rp, a, b, output));
    }

    [Theory]
    [InlineData(1, 4, 4, 16)]
    [InlineData(2, 3, 5, 37)]
    [InlineData(1, 1, 1, 7)]
    [InlineData(2, 3, 3, 48)]
    public void MulChannelGateMatchesReference(int n, int h, int w, int c)
    {
        var rnd = new RandomData(700 + c);
        var shape = new Nhwc(n, h, w, c);
        var p = IrK.MulParams.Prepare(rnd.Quant(), new QuantizationParams(1f / 256f, -128), rnd.Quant(0.001f, 0.05f), FusedActivation.Relu);
        sbyte[] input = rnd.Int8(shape.ElementCount), gate = rnd.Int8(n * c);
        var expected = new sbyte[shape.ElementCount];
        IrK.Mul.EvalBroadcastChannels(p, shape, input, gate, expected);
        var rp = ToRuntime(p);
        BothPaths.AssertMatches(expected, expected.Length, output => Mul.RunChannelGate(rp, IrConversions.Shape(shape), input, gate, output));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void UnaryOperatorsMatchReference(int length)
    {
        var rnd = new RandomData(800 + length);
        sbyte[] input = rnd.Int8(length);
        var expected = new sbyte[length];

        QuantizationParams inQ = rnd.Quant(0.01f, 0.2f);
        var rq = IrK.RequantizeParams.Prepare(inQ, rnd.Quant(0.01f, 0.2f));
        IrK.Requantize.Eval(rq, input, expected);
        BothPaths.AssertMatches(expected, length, output => Requantize.Run(rq.InputZeroPoint, rq.Multiplier.Multiplier, rq.Multiplier.Shift, rq.OutputZeroPoint, input, output));

        var hs = IrK.HardSigmoidParams.Prepare(inQ);
        IrK.HardSigmoid.Eval(hs, input, expected);
        BothPaths.AssertMatches(expected, length, output => HardSigmoid.Run(hs.InputZeroPoint, hs.Bias, hs.Multiplier.Multiplier, hs.Multiplier.Shift, input, output));

        var hw = IrK.HardSwishParams.Prepare(inQ, rnd.Quant(0.01f, 0.1f));
        var rhw = new HardSwishParameters(hw.InputZeroPoint, hw.OutputZeroPoint, hw.ReluishMultiplier, hw.ReluishExponent, hw.OutputMultiplier, hw.OutputExponent);
        IrK.HardSwish.Eval(hw, input, expected);
        BothPaths.AssertMatches(expected, length, output => HardSwish.Run(rhw, input, output));
        var table = new sbyte[LookupTable.Size];
        HardSwish.FillTable(rhw, table);
        BothPaths.AssertMatches(expected, length, output => LookupTable.Apply(table, input, output));

        var lg = IrK.LogisticParams.Prepare(inQ);
        IrK.Logistic.Eval(lg, input, expected);
        BothPaths.AssertMatches(expected, length, output => Logistic.Run(lg.InputZeroPoint, lg.InputRangeRadius, lg.InputMultiplier, lg.InputLeftShift, input, output));
        Logistic.FillTable(lg.InputZeroPoint, lg.InputRangeRadius, lg.InputMultiplier, lg.InputLeftShift, table);
        BothPaths.AssertMatches(expected, length, output => LookupTable.Apply(table, input, output));
    }

    [Theory]
    [InlineData(10, 1, 1.0)]
    [InlineData(4, 5, 0.7)]
    [InlineData(100, 2, 1.0)]
    public void SoftmaxMatchesReference(int depth, int rows, double beta)
    {
        var rnd = new RandomData(900 + depth);
        QuantizationParams inQ = rnd.Quant(0.02f, 0.3f);
        var p = IrK.SoftmaxParams.Prepare(depth, inQ, beta);
        sbyte[] input = rnd.Int8(depth * rows);
        var expected = new sbyte[input.Length];
        IrK.Softmax.Eval(p, input, expected);
        BothPaths.AssertMatches(expected, input.Length, output => Softmax.Run(depth, p.InputMultiplier.Multiplier, p.InputMultiplier.Shift, p.DiffMin, input, output));
    }

    [Fact]
    public void QuantizeAndDequantizeMatchReference()
    {
        var rnd = new RandomData(1000);
        QuantizationParams q = rnd.Quant();
        float[] values = Enumerable.Range(0, 300).Select(i => (float)((rnd.Next(-100000, 100000) / 10000.0) * q.Scale * 20))
            .Concat(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f, -1e30f, 0f, 0.5f * q.Scale, -0.5f * q.Scale }).ToArray();
        var expected = new sbyte[values.Length];
        IrK.Quantize.Eval(q, values, expected);
        BothPaths.AssertMatches(expected, values.Length, output => Quantize.Run(q.Scale, q.ZeroPoint, values, output));

        sbyte[] ints = rnd.Int8(300);
        var expectedFloats = new float[ints.Length];
        IrK.Dequantize.Eval(q, ints, expectedFloats);
        BothPaths.AssertMatches(expectedFloats, ints.Length, output => Dequantize.Run(q.Scale, q.ZeroPoint, ints, output));
    }

    private static MulParameters ToRuntime(IrK.MulParams p) =>
        new(-p.Input1Offset, -p.Input2Offset, p.OutputMultiplier.Multiplier, p.OutputMultiplier.Shift, p.OutputOffset, p.Clamp.Min, p.Clamp.Max);
}
