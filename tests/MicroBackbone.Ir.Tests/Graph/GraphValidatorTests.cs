using MicroBackbone.Ir;

namespace MicroBackbone.Ir.Tests.Graph;

public class GraphValidatorTests
{
    private static string Reject(IrGraph graph) => Assert.Throws<IrValidationException>(() => GraphValidator.Validate(graph)).Message;

    private static IrGraph ReplaceOp(IrGraph g, int index, Func<IrOperator, IrOperator> change) =>
        g.With(g.Tensors, g.Operators.Select((op, i) => i == index ? change(op) : op));

    private static IrGraph ReplaceTensor(IrGraph g, int id, Func<IrTensor, IrTensor> change) =>
        g.With(g.Tensors.Select(t => t.Id == id ? change(t) : t), g.Operators);

    [Fact]
    public void AcceptsTheSampleGraphs()
    {
        GraphValidator.Validate(TestGraphs.FloatCnn());
        GraphValidator.Validate(TestGraphs.QuantCnn());
    }

    [Fact]
    public void UnknownTensorId()
    {
        var g = ReplaceOp(TestGraphs.QuantCnn(), 0, op => op with { Inputs = EquatableArray.Of(0, 1, 42) });
        var message = Reject(g);
        Assert.Contains("graph 'quant_cnn': operator #0 Conv2D 'pw'", message);
        Assert.Contains("unknown tensor id #42", message);
    }

    [Fact]
    public void OperatorsOutOfTopologicalOrder()
    {
        var g = TestGraphs.QuantCnn();
        var swapped = g.Operators.ToList();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);
        var message = Reject(g.With(g.Tensors, swapped));
        Assert.Contains("operator #0 Relu6 'relu6'", message);
        Assert.Contains("produced later by operator #1", message);
    }

    [Fact]
    public void OperatorReadingItsOwnOutputIsACycle()
    {
        var g = ReplaceOp(TestGraphs.QuantCnn(), 1, op => op with { Inputs = op.Outputs });
        Assert.Contains("its own output (cycle)", Reject(g));
    }

    [Fact]
    public void WrongOperandCount()
    {
        var g = ReplaceOp(TestGraphs.QuantCnn(), 0, op => op with { Inputs = EquatableArray.Of(0) });
        Assert.Contains("operator #0 Conv2D 'pw': expected 2 to 3 inputs, got 1", Reject(g));
    }

    [Fact]
    public void OutputShapeMismatch()
    {
        var g = TestGraphs.QuantCnn();
        var reluOut = g.Operators[1].Outputs[0];
        var message = Reject(ReplaceTensor(g, reluOut, t => t with { Shape = EquatableArray.Of(1, 4, 4, 3) }));
        Assert.Contains("operator #1 Relu6 'relu6'", message);
        Assert.Contains("should have shape [1, 4, 4, 2]", message);
    }

    [Fact]
    public void MissingQuantParamsOnInt8Tensor()
    {
        var message = Reject(ReplaceTensor(TestGraphs.QuantCnn(), 0, t => t with { Quant = null }));
        Assert.Contains("tensor #0 'image' int8[1, 4, 4, 2] is int8 but has no quantization parameters", message);
    }

    [Fact]
    public void PerChannelScaleCountMustMatchTheAxis()
    {
        var message = Reject(ReplaceTensor(TestGraphs.QuantCnn(), 1, t => t with { Quant = QuantParams.PerChannel(new[] { 1f, 2f, 3f }, new[] { 0, 0, 0 }, 0) }));
        Assert.Contains("3 per-channel scales, expected 2", message);
    }

    [Fact]
    public void ConstantDataLengthMustMatchTheShape()
    {
        var message = Reject(ReplaceTensor(TestGraphs.QuantCnn(), 1, t => t with { Data = new byte[3] }));
        Assert.Contains("has 3 data bytes, expected 4", message);
    }

    [Fact]
    public void WeightsMustBeConstantsOfTheRightType()
    {
        var message = Reject(ReplaceTensor(TestGraphs.QuantCnn(), 2, t => t with { DataType = IrDataType.Int8, Data = new byte[2], Quant = TestGraphs.Q }));
        Assert.Contains("bias #2 'pw.b' int8[2] must be a constant of type int32", message);
    }

    [Fact]
    public void DataMovingOpsKeepQuantization()
    {
        var g = TestGraphs.QuantCnn();
        var shiftOut = g.Operators[2].Outputs[0];
        var message = Reject(ReplaceTensor(g, shiftOut, t => t with { Quant = QuantParams.PerTensor(0.5f, 0) }));
        Assert.Contains("operator #2 Shift 'shift'", message);
        Assert.Contains("must keep the input's quantization parameters", message);
    }

    [Fact]
    public void WrongAttributeType()
    {
        var g = ReplaceOp(TestGraphs.QuantCnn(), 1, op => op with { Attributes = new SoftmaxAttributes() });
        Assert.Contains("expected no attributes, got SoftmaxAttributes", Reject(g));
    }

    [Fact]
    public void DuplicateIdsAndDanglingOutputs()
    {
        var g = TestGraphs.QuantCnn();
        Assert.Contains("tensor id #0 is used twice", Reject(g.With(g.Tensors.Append(g.Tensors[0] with { Name = "again" }), g.Operators)));
        Assert.Contains("graph output refers to unknown tensor id #77", Reject(g.WithOutputs(new[] { 77 })));
        Assert.Contains("is not produced by any operator", Reject(g.WithOutputs(new[] { 1 })));
    }

    [Fact]
    public void EqualGraphsCompareEqual()
    {
        Assert.Equal(TestGraphs.QuantCnn(), TestGraphs.QuantCnn());
        Assert.NotEqual(TestGraphs.QuantCnn(), ReplaceTensor(TestGraphs.QuantCnn(), 1, t => t with { Data = new byte[4] }));
    }
}
