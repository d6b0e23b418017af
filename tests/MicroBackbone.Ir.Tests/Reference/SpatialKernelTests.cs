namespace MicroBackbone.Ir.Tests.Reference;

public class SpatialKernelTests
{
    [Fact]
    public void ShiftMovesEachChannelAndFillsWithZero()
    {
        var b = new IrGraphBuilder("shift");
        var x = b.Input("x", new[] { 1, 2, 3, 2 });
        // Channel 0 reads the row below (dy = 1), channel 1 the column to the left (dx = -1).
        var y = b.Shift(x, new[] { new ShiftOffset(1, 0), new ShiftOffset(0, -1) });
        var graph = b.Output(y).Build();

        // Channel 0 = 1..6 (2x3), channel 1 = 11..16, interleaved.
        var input = new float[12];
        for (var p = 0; p < 6; p++)
        {
            input[2 * p] = 1 + p;
            input[(2 * p) + 1] = 11 + p;
        }

        var actual = FloatRun.Single(graph, input);

        var channel0 = Enumerable.Range(0, 6).Select(p => actual[2 * p]).ToArray();
        var channel1 = Enumerable.Range(0, 6).Select(p => actual[(2 * p) + 1]).ToArray();
        FloatRun.AssertClose(new[] { 4f, 5f, 6f, 0f, 0f, 0f }, channel0);
        FloatRun.AssertClose(new[] { 0f, 11f, 12f, 0f, 14f, 15f }, channel1);
    }

    [Fact]
    public void GlobalAveragePoolAveragesEachChannel()
    {
        var b = new IrGraphBuilder("gap");
        var y = b.Unary(IrOpKind.GlobalAveragePool, b.Input("x", new[] { 1, 2, 2, 2 }));
        var graph = b.Output(y).Build();

        // Channel 0 = 1, 3, 5, 7; channel 1 = 2, 4, 6, 8.
        FloatRun.AssertClose(new[] { 4f, 5f }, FloatRun.Single(graph, FloatRun.Range(8)));
    }

    [Fact]
    public void AveragePoolIgnoresPaddedCells()
    {
        var b = new IrGraphBuilder("avg");
        var x = b.Input("x", new[] { 1, 3, 3, 1 });
        var y = b.Op(IrOpKind.AveragePool2D, new[] { x }, new Pool2DAttributes(2, 2, 2, 2, new Padding2D(0, 0, 1, 1)));
        var graph = b.Output(y).Build();

        // 1 2 3 / 4 5 6 / 7 8 9: windows {1,2,4,5}, {3,6}, {7,8}, {9}.
        FloatRun.AssertClose(new[] { 3f, 4.5f, 7.5f, 9f }, FloatRun.Single(graph, FloatRun.Range(9)));
    }

    [Fact]
    public void MaxPoolTakesTheWindowMaximumIgnoringPadding()
    {
        var b = new IrGraphBuilder("max");
        var x = b.Input("x", new[] { 1, 3, 3, 1 });
        var y = b.Op(IrOpKind.MaxPool2D, new[] { x }, new Pool2DAttributes(3, 3, 2, 2, Padding2D.Uniform(1)));
        var graph = b.Output(y).Build();

        // All values negative so a padded zero would win if it were counted.
        var input = FloatRun.Range(9).Select(v => -v).ToArray();

        FloatRun.AssertClose(new[] { -1f, -2f, -4f, -5f }, FloatRun.Single(graph, input));
    }

    [Fact]
    public void PadSurroundsTheInputWithZeros()
    {
        var b = new IrGraphBuilder("pad");
        var x = b.Input("x", new[] { 1, 1, 2, 1 });
        var y = b.Op(IrOpKind.Pad, new[] { x }, new PadAttributes(new Padding2D(1, 0, 0, 1)));
        var graph = b.Output(y).Build();

        FloatRun.AssertClose(new[] { 0f, 0f, 0f, 7f, 8f, 0f }, FloatRun.Single(graph, new[] { 7f, 8f }));
    }

    [Fact]
    public void ReshapeKeepsRowMajorOrder()
    {
        var b = new IrGraphBuilder("reshape");
        var y = b.Reshape(b.Input("x", new[] { 1, 2, 2, 2 }), new[] { 1, -1 });
        var graph = b.Output(y).Build();

        Assert.Equal(new[] { 1, 8 }, graph.Tensor(y).Shape.ToArray());
        FloatRun.AssertClose(FloatRun.Range(8), FloatRun.Single(graph, FloatRun.Range(8)));
    }
}
