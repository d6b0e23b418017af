using MicroBackbone.Ir;

namespace MicroBackbone.Ir.Tests.Graph;

public class ShapeInferenceTests
{
    private static EquatableArray<int> Infer(IrOpKind kind, IrAttributes? attributes, params IrTensor[] inputs)
    {
        var op = new IrOperator(kind, "op", new EquatableArray<int>(inputs.Select(t => t.Id)), EquatableArray.Of(99), attributes);
        return ShapeInference.InferOutputShape(op, inputs, 7);
    }

    private static IrTensor T(int id, params int[] shape) => new(id, $"t{id}", shape, IrDataType.Float32);

    [Fact]
    public void Conv2DUsesStridePaddingDilationAndOutChannels()
    {
        var shape = Infer(IrOpKind.Conv2D, new Conv2DAttributes(2, 2, new Padding2D(1, 1, 1, 1)), T(0, 1, 9, 9, 3), T(1, 16, 3, 3, 3));
        Assert.Equal(EquatableArray.Of(1, 5, 5, 16), shape);
        var dilated = Infer(IrOpKind.Conv2D, new Conv2DAttributes(DilationH: 2, DilationW: 2), T(0, 1, 9, 9, 3), T(1, 4, 3, 3, 3), T(2, 4));
        Assert.Equal(EquatableArray.Of(1, 5, 5, 4), dilated);
    }

    [Fact]
    public void PointwiseConvIsA1x1Conv2D()
    {
        Assert.Equal(EquatableArray.Of(1, 6, 6, 8), Infer(IrOpKind.Conv2D, new Conv2DAttributes(), T(0, 1, 6, 6, 3), T(1, 8, 1, 1, 3)));
    }

    [Fact]
    public void DepthwiseHonoursDepthMultiplier()
    {
        var shape = Infer(IrOpKind.DepthwiseConv2D, new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), DepthMultiplier: 2), T(0, 1, 5, 5, 3), T(1, 1, 3, 3, 6));
        Assert.Equal(EquatableArray.Of(1, 5, 5, 6), shape);
    }

    [Fact]
    public void FullyConnectedFlattensFeatures()
    {
        Assert.Equal(EquatableArray.Of(2, 10), Infer(IrOpKind.FullyConnected, new FullyConnectedAttributes(), T(0, 2, 1, 1, 32), T(1, 10, 32)));
    }

    [Fact]
    public void AddAndMulBroadcastSizeOneDimensions()
    {
        Assert.Equal(EquatableArray.Of(1, 4, 4, 8), Infer(IrOpKind.Mul, new ElementwiseAttributes(), T(0, 1, 4, 4, 8), T(1, 1, 1, 1, 8)));
        Assert.Equal(EquatableArray.Of(1, 4, 4, 8), Infer(IrOpKind.Add, new ElementwiseAttributes(), T(0, 1, 4, 4, 8), T(1, 1, 4, 4, 8)));
    }

    [Fact]
    public void PoolsAndPadAndGlobalPool()
    {
        Assert.Equal(EquatableArray.Of(1, 4, 4, 3), Infer(IrOpKind.MaxPool2D, new Pool2DAttributes(2, 2, 2, 2), T(0, 1, 8, 8, 3)));
        Assert.Equal(EquatableArray.Of(1, 3, 3, 3), Infer(IrOpKind.AveragePool2D, new Pool2DAttributes(3, 3, 3, 3, new Padding2D(0, 0, 1, 1)), T(0, 1, 8, 8, 3)));
        Assert.Equal(EquatableArray.Of(1, 11, 10, 3), Infer(IrOpKind.Pad, new PadAttributes(new Padding2D(1, 0, 2, 2)), T(0, 1, 8, 8, 3)));
        Assert.Equal(EquatableArray.Of(1, 1, 1, 3), Infer(IrOpKind.GlobalAveragePool, null, T(0, 1, 8, 8, 3)));
    }

    [Fact]
    public void ReshapeInfersMinusOne()
    {
        Assert.Equal(EquatableArray.Of(2, 48), Infer(IrOpKind.Reshape, new ReshapeAttributes(EquatableArray.Of(2, -1)), T(0, 2, 4, 4, 3)));
    }

    [Theory]
    [InlineData(IrOpKind.Relu)]
    [InlineData(IrOpKind.Relu6)]
    [InlineData(IrOpKind.HardSigmoid)]
    [InlineData(IrOpKind.HardSwish)]
    [InlineData(IrOpKind.Sigmoid)]
    [InlineData(IrOpKind.Quantize)]
    [InlineData(IrOpKind.Dequantize)]
    public void ElementwiseUnaryKeepsShape(IrOpKind kind)
    {
        Assert.Equal(EquatableArray.Of(1, 3, 5, 7), Infer(kind, null, T(0, 1, 3, 5, 7)));
    }

    [Fact]
    public void ShiftAndSoftmaxKeepShape()
    {
        var offsets = new EquatableArray<ShiftOffset>(new[] { new ShiftOffset(1, 0), new ShiftOffset(0, 1) });
        Assert.Equal(EquatableArray.Of(1, 3, 3, 2), Infer(IrOpKind.Shift, new ShiftAttributes(offsets), T(0, 1, 3, 3, 2)));
        Assert.Equal(EquatableArray.Of(1, 10), Infer(IrOpKind.Softmax, new SoftmaxAttributes(), T(0, 1, 10)));
    }

    [Fact]
    public void SamePaddingMatchesCeilDivision()
    {
        Assert.Equal(new Padding2D(0, 0, 1, 1), Padding2D.Same(8, 8, 3, 3, 2, 2));
        Assert.Equal(new Padding2D(1, 1, 1, 1), Padding2D.Same(7, 7, 3, 3, 1, 1));
        Assert.Equal(new Padding2D(1, 2, 2, 2), Padding2D.Same(6, 5, 4, 5, 1, 1));
    }

    [Fact]
    public void ErrorsNameTheOperatorAndTheExpectation()
    {
        var e = Assert.Throws<IrValidationException>(() =>
            Infer(IrOpKind.Conv2D, new Conv2DAttributes(), T(0, 1, 6, 6, 3), T(1, 8, 1, 1, 4)));
        Assert.Contains("operator #7 Conv2D 'op'", e.Message);
        Assert.Contains("OHWI with I = 3", e.Message);

        e = Assert.Throws<IrValidationException>(() => Infer(IrOpKind.DepthwiseConv2D, new DepthwiseConv2DAttributes(), T(0, 1, 6, 6, 3), T(1, 3, 3, 3, 1)));
        Assert.Contains("1HWO", e.Message);
        e = Assert.Throws<IrValidationException>(() => Infer(IrOpKind.Add, new ElementwiseAttributes(), T(0, 1, 4, 4, 8), T(1, 1, 4, 4, 3)));
        Assert.Contains("do not broadcast", e.Message);
        e = Assert.Throws<IrValidationException>(() => Infer(IrOpKind.Relu, null, T(0, 1, 4), T(1, 1, 4)));
        Assert.Contains("expected 1 inputs, got 2", e.Message);
        e = Assert.Throws<IrValidationException>(() => Infer(IrOpKind.Reshape, new ReshapeAttributes(EquatableArray.Of(5, -1)), T(0, 1, 4)));
        Assert.Contains("does not hold the 4 elements", e.Message);
        e = Assert.Throws<IrValidationException>(() => Infer(IrOpKind.Conv2D, new Conv2DAttributes(), T(0, 1, 2, 2, 3), T(1, 8, 3, 3, 3)));
        Assert.Contains("does not fit", e.Message);
        e = Assert.Throws<IrValidationException>(() => Infer(IrOpKind.Shift, new ShiftAttributes(EquatableArray<ShiftOffset>.Empty), T(0, 1, 2, 2, 3)));
        Assert.Contains("expected 3 shift offsets", e.Message);
        e = Assert.Throws<IrValidationException>(() => Infer(IrOpKind.MaxPool2D, new SoftmaxAttributes(), T(0, 1, 2, 2, 3)));
        Assert.Contains("expected attributes Pool2DAttributes, got SoftmaxAttributes", e.Message);
    }
}
