using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Quantization;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Quantization;

public class Int8QuantizerTests
{
    private static (IrGraph Float, IrGraph Int8, List<float[]> Samples) Quantized(ObserverKind observer = ObserverKind.MinMax)
    {
        IrGraph graph = QuantizationGraphs.EdgeLike(seed: 1);
        List<float[]> samples = QuantizationGraphs.Inputs(graph, 32, seed: 2);
        ActivationRanges ranges = Calibrator.Calibrate(graph, samples, observer);
        return (graph, Int8Quantizer.Quantize(graph, ranges), samples);
    }

    [Fact]
    public void Int8OutputsStayCloseToFloatOnUnseenInputs()
    {
        (IrGraph graph, IrGraph int8, _) = Quantized();
        var reference = new FloatInterpreter(graph);
        var interpreter = new Int8Interpreter(int8);
        double worst = 0, spread = 0;
        foreach (float[] x in QuantizationGraphs.Inputs(graph, 10, seed: 99))
        {
            float[] expected = (float[])reference.Run([x])[0].Clone();
            float[] actual = interpreter.RunFloat(x);
            spread = Math.Max(spread, expected.Max() - expected.Min());
            worst = Math.Max(worst, expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max());
        }
        // Five int8 layers deep: errors of a few output steps, far below the spread of the logits.
        double step = interpreter.OutputQuantization.Scale;
        Assert.True(worst <= 8 * step, $"worst {worst}, output step {step}");
        Assert.True(worst < 0.1 * spread, $"worst {worst}, logit spread {spread}");
    }

    [Fact]
    public void WeightsAreSymmetricPerChannelAndBiasesCarryInputTimesWeightScale()
    {
        (_, IrGraph int8, _) = Quantized();
        foreach (IrOperator op in int8.Operators.Where(o => o.Kind is IrOpKind.Conv2D or IrOpKind.DepthwiseConv2D or IrOpKind.FullyConnected))
        {
            IrTensor w = int8.Tensor(op.Inputs[1]);
            Assert.Equal(IrDataType.Int8, w.DataType);
            Assert.All(w.Quant!.ZeroPoints, z => Assert.Equal(0, z));
            Assert.All(w.ReadInt8(), v => Assert.InRange(v, -127, 127));
            Assert.Equal(op.Kind == IrOpKind.DepthwiseConv2D ? 3 : 0, w.Quant.Axis);
            Assert.Contains(w.ReadInt8(), v => Math.Abs(v) == 127);
            IrTensor bias = int8.Tensor(op.Inputs[2]);
            Assert.Equal(IrDataType.Int32, bias.DataType);
            float inputScale = int8.Tensor(op.Inputs[0]).Quant!.Scales[0];
            for (int c = 0; c < bias.Quant!.Scales.Count; c++)
            {
                Assert.Equal(inputScale * w.Quant.Scales[c], bias.Quant.Scales[c], 6);
            }
        }
        Assert.DoesNotContain(int8.Operators, o => o.Kind == IrOpKind.Relu);
        Assert.Equal(IrOpKind.Quantize, int8.Operators[0].Kind);
        Assert.Equal(IrOpKind.Dequantize, int8.Operators[^1].Kind);
    }

    [Fact]
    public void DataMovingOpsKeepTheirInputParametersAndFixedOutputsAreFixed()
    {
        (_, IrGraph int8, _) = Quantized();
        foreach (IrOperator op in int8.Operators)
        {
            QuantParams? input = int8.Tensor(op.Inputs[0]).Quant, output = int8.Tensor(op.Outputs[0]).Quant;
            if (op.Kind is IrOpKind.Shift or IrOpKind.Reshape or IrOpKind.GlobalAveragePool)
            {
                Assert.Equal(input, output);
            }
            if (op.Kind == IrOpKind.HardSigmoid)
            {
                Assert.Equal(QuantParams.PerTensor(1f / 256f, -128), output);
            }
        }
    }

    [Fact]
    public void TheSameRangesGiveTheSameGraph()
    {
        IrGraph graph = QuantizationGraphs.EdgeLike(seed: 1);
        List<float[]> samples = QuantizationGraphs.Inputs(graph, 8, seed: 2);
        var copies = samples.Select(s => (float[])s.Clone()).ToList();
        ActivationRanges first = Calibrator.Calibrate(graph, samples, ObserverKind.MinMax);
        ActivationRanges second = ActivationRanges.Parse(Calibrator.Calibrate(graph, samples, ObserverKind.MinMax).ToJson(), "test");

        Assert.Equal(first.ToJson(), second.ToJson());
        Assert.Equal(Int8Quantizer.Quantize(graph, first), Int8Quantizer.Quantize(graph, second));
        Assert.Equal(copies, samples);
    }

    [Fact]
    public void PercentileIgnoresRareOutliersThatMinMaxKeeps()
    {
        IrGraph graph = QuantizationGraphs.EdgeLike(seed: 1);
        List<float[]> samples = QuantizationGraphs.Inputs(graph, 64, seed: 3);
        samples[5][7] = 400f;
        TensorRange minmax = Calibrator.Calibrate(graph, samples, ObserverKind.MinMax).All.First();
        TensorRange percentile = Calibrator.Calibrate(graph, samples, ObserverKind.Percentile).All.First();

        Assert.Equal("input", minmax.TensorName);
        Assert.Equal(400f, minmax.Max);
        Assert.True(percentile.Max < 10f, $"percentile max {percentile.Max}");
        Assert.True(percentile.Min <= -1.9f);
    }

    [Fact]
    public void QuantizingAnInt8GraphOrForeignRangesIsAClearError()
    {
        (IrGraph graph, IrGraph int8, List<float[]> samples) = Quantized();
        var again = Assert.Throws<QuantizationException>(() => Int8Quantizer.Quantize(int8, Calibrator.Calibrate(graph, samples, ObserverKind.MinMax)));
        Assert.Contains("already quantized", again.Message);

        var foreign = ActivationRanges.Parse("{\"tensors\":[{\"id\":0,\"name\":\"other\",\"min\":-1,\"max\":1}]}", "x.pth");
        var error = Assert.Throws<QuantizationException>(() => Int8Quantizer.Quantize(graph, foreign));
        Assert.Contains("another model", error.Message);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"tensors\":3}", "'tensors' array")]
    [InlineData("{\"tensors\":[{\"id\":1,\"name\":\"a\",\"min\":-1}]}", "tensors[0].max: missing")]
    [InlineData("{\"tensors\":[{\"id\":1,\"name\":\"a\",\"min\":1,\"max\":2}]}", "must be finite and contain 0")]
    public void BadRangesNameTheSourceAndTheField(string json, string expected)
    {
        var error = Assert.Throws<QuantizationException>(() => ActivationRanges.Parse(json, "m.pth"));
        Assert.StartsWith("m.pth", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void DynamicQuantizationStaysCloseToFloatWithoutCalibration()
    {
        IrGraph graph = QuantizationGraphs.EdgeLike(seed: 1);
        var reference = new FloatInterpreter(graph);
        var dynamic = new DynamicInt8Interpreter(graph);
        foreach (float[] x in QuantizationGraphs.Inputs(graph, 5, seed: 4))
        {
            float[] expected = (float[])reference.Run([x])[0].Clone();
            float[] actual = dynamic.Run(x);
            double spread = expected.Max() - expected.Min();
            Assert.True(expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() < 0.05 * spread + 1e-3);
            Assert.NotEqual(expected, actual);
        }
    }
}
