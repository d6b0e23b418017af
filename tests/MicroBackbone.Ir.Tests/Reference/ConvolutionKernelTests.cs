namespace MicroBackbone.Ir.Tests.Reference;

public class ConvolutionKernelTests
{
    [Fact]
    public void Conv3x3OnA4x4InputWithPaddingAndStride2SumsTheWindowsInside()
    {
        var b = new IrGraphBuilder("conv");
        var x = b.Input("x", new[] { 1, 4, 4, 1 });
        var w = b.ConstantFloat("w", new[] { 1, 3, 3, 1 }, Enumerable.Repeat(1f, 9).ToArray());
        var bias = b.ConstantFloat("b", new[] { 1 }, new[] { 0.5f });
        var y = b.Conv2D(x, w, bias, new Conv2DAttributes(2, 2, Padding2D.Uniform(1)));
        var graph = b.Output(y).Build();

        // Input 1..16 row-major; window (0,0) covers rows 0-1 x cols 0-1, (0,1) rows 0-1 x cols 1-3, and so on.
        var actual = FloatRun.Single(graph, FloatRun.Range(16));

        FloatRun.AssertClose(new[] { 14.5f, 30.5f, 57.5f, 99.5f }, actual);
    }

    [Fact]
    public void ConvReadsOhwiWeightsPerOutputChannelAndAppliesFusedRelu()
    {
        var b = new IrGraphBuilder("pointwise");
        var x = b.Input("x", new[] { 1, 1, 1, 2 });
        var w = b.ConstantFloat("w", new[] { 2, 1, 1, 2 }, new[] { 3f, 4f, 5f, 6f });
        var bias = b.ConstantFloat("b", new[] { 2 }, new[] { -20f, 1f });
        var y = b.Conv2D(x, w, bias, new Conv2DAttributes(Activation: FusedActivation.Relu));
        var graph = b.Output(y).Build();

        // o0 = 3*1 + 4*2 - 20 = -9 -> relu 0; o1 = 5*1 + 6*2 + 1 = 18.
        FloatRun.AssertClose(new[] { 0f, 18f }, FloatRun.Single(graph, new[] { 1f, 2f }));
    }

    [Fact]
    public void ConvDilationSkipsCells()
    {
        var b = new IrGraphBuilder("dilated");
        var x = b.Input("x", new[] { 1, 1, 5, 1 });
        var w = b.ConstantFloat("w", new[] { 1, 1, 2, 1 }, new[] { 1f, 10f });
        var y = b.Conv2D(x, w, null, new Conv2DAttributes(DilationW: 2));
        var graph = b.Output(y).Build();

        // out[i] = in[i] + 10 * in[i + 2] for i = 0..2.
        FloatRun.AssertClose(new[] { 31f, 42f, 53f }, FloatRun.Single(graph, FloatRun.Range(5)));
    }

    [Fact]
    public void DepthwiseFiltersEachChannelWithItsOwnKernel()
    {
        var b = new IrGraphBuilder("dw");
        var x = b.Input("x", new[] { 1, 2, 2, 2 });
        // 1HWO: for (ky, kx) the pair (channel 0 weight, channel 1 weight).
        var w = b.ConstantFloat("w", new[] { 1, 2, 2, 2 }, new[] { 1f, 1f, 1f, 0f, 1f, 0f, 1f, -1f });
        var bias = b.ConstantFloat("b", new[] { 2 }, new[] { 0f, 0.25f });
        var y = b.DepthwiseConv2D(x, w, bias, new DepthwiseConv2DAttributes());
        var graph = b.Output(y).Build();

        // Channel 0 = 1, 2, 3, 4; channel 1 = 10, 20, 30, 40 (interleaved NHWC).
        var actual = FloatRun.Single(graph, new[] { 1f, 10f, 2f, 20f, 3f, 30f, 4f, 40f });

        FloatRun.AssertClose(new[] { 10f, 10f - 40f + 0.25f }, actual);
    }

    [Fact]
    public void DepthwiseMultiplierMapsOutputChannelToInputChannelOverMultiplier()
    {
        var b = new IrGraphBuilder("dw_mult");
        var x = b.Input("x", new[] { 1, 1, 1, 2 });
        var w = b.ConstantFloat("w", new[] { 1, 1, 1, 4 }, new[] { 1f, 10f, 100f, 1000f });
        var y = b.DepthwiseConv2D(x, w, null, new DepthwiseConv2DAttributes(DepthMultiplier: 2, Activation: FusedActivation.Relu6));
        var graph = b.Output(y).Build();

        FloatRun.AssertClose(new[] { 0.5f, 5f, 6f, 6f }, FloatRun.Single(graph, new[] { 0.5f, 0.09f }));
    }

    [Fact]
    public void FullyConnectedFlattensNhwcAndAddsBias()
    {
        var b = new IrGraphBuilder("fc");
        var x = b.Input("x", new[] { 1, 1, 1, 3 });
        var w = b.ConstantFloat("w", new[] { 2, 3 }, new[] { 1f, 0f, -1f, 2f, 2f, 2f });
        var bias = b.ConstantFloat("b", new[] { 2 }, new[] { 0.5f, -1f });
        var y = b.FullyConnected(x, w, bias);
        var relu = b.FullyConnected(x, w, bias, FusedActivation.Relu);
        var graph = b.Output(y).Output(relu).Build();

        var outputs = new MicroBackbone.Ir.Reference.FloatInterpreter(graph).Run(new[] { new[] { 1f, 2f, 3f } });

        FloatRun.AssertClose(new[] { -1.5f, 11f }, outputs[0]);
        FloatRun.AssertClose(new[] { 0f, 11f }, outputs[1]);
    }
}
