using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Int8;

/// <summary>
/// Conv2D with groups: group g's filters see only input channels g * I .. g * I + I - 1 (I = C / groups), so each
/// group's outputs equal a dense convolution of that channel slice; the attribute survives .mbir, the shape rule
/// checks it, and the float and int8 interpreters run it.
/// </summary>
public class GroupedConvolutionKernelTests
{
    [Theory]
    [InlineData(6, 4, 2, 3, 1, 1)]
    [InlineData(6, 9, 3, 3, 2, 2)]
    [InlineData(8, 8, 4, 1, 1, 1)]
    public void Each_group_equals_a_dense_convolution_of_its_channel_slice(int channels, int filters, int groups, int k, int stride, int dilation)
    {
        var rng = new Random(channels * 10 + groups);
        var inShape = new Nhwc(1, 9, 7, channels);
        var depth = channels / groups;
        var pad = (k - 1) * dilation / 2;
        var window = new Window2D(k, k, stride, stride, dilation, dilation, pad, pad, pad, pad);
        var (inQ, outQ) = (new QuantizationParams(0.05f, 13), new QuantizationParams(0.1f, -4));
        var scales = Enumerable.Range(0, filters).Select(o => 0.005f + (0.001f * o)).ToArray();
        var weights = Enumerable.Range(0, filters * k * k * depth).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
        var bias = Enumerable.Range(0, filters).Select(_ => rng.Next(-3000, 3000)).ToArray();
        var input = Enumerable.Range(0, inShape.ElementCount).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
        var p = Conv2DParams.Prepare(inShape, filters, window, inQ, scales, outQ, FusedActivation.None, groups);
        var output = new sbyte[p.Output.ElementCount];
        Conv2D.Eval(p, input, weights, bias, output);
        Assert.True(output.Distinct().Count() > 10);

        var perGroup = filters / groups;
        var sliceShape = new Nhwc(1, 9, 7, depth);
        for (var g = 0; g < groups; g++)
        {
            var slice = new sbyte[sliceShape.ElementCount];
            for (var i = 0; i < slice.Length; i++)
            {
                slice[i] = input[(i / depth * channels) + (g * depth) + (i % depth)];
            }

            var dense = Conv2DParams.Prepare(sliceShape, perGroup, window, inQ, scales.Skip(g * perGroup).Take(perGroup).ToArray(), outQ, FusedActivation.None);
            var part = new sbyte[dense.Output.ElementCount];
            Conv2D.Eval(dense, slice, weights.Skip(g * perGroup * k * k * depth).Take(perGroup * k * k * depth).ToArray(),
                bias.Skip(g * perGroup).Take(perGroup).ToArray(), part);
            for (var i = 0; i < part.Length; i++)
            {
                Assert.Equal(part[i], output[(i / perGroup * filters) + (g * perGroup) + (i % perGroup)]);
            }
        }
    }

    [Fact]
    public void Groups_round_trip_through_mbir_and_run_in_both_interpreters()
    {
        var rng = new Random(3);
        var b = new IrGraphBuilder("grouped");
        var x = b.Input("x", new[] { 1, 5, 5, 4 }, IrDataType.Int8, QuantParams.PerTensor(0.05f, 2));
        var w = b.ConstantInt8("w", new[] { 6, 3, 3, 2 }, Enumerable.Range(0, 108).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray(),
            QuantParams.PerChannel(Enumerable.Repeat(0.01f, 6).ToArray(), new int[6], 0));
        var y = b.Conv2D(x, w, null, new Conv2DAttributes(Padding: Padding2D.Uniform(1), Groups: 2), "conv", QuantParams.PerTensor(0.1f, 0));
        var graph = b.Output(y).Build();
        var text = MbirWriter.Write(graph);
        Assert.Contains("\"groups\": 2", text);
        var again = MbirReader.Read(text, "grouped.mbir");
        Assert.Equal(graph.Operators[0].Attributes, again.Operators[0].Attributes);
        var input = Enumerable.Range(0, 100).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
        Assert.Equal(new Int8Interpreter(graph).Run(input), new Int8Interpreter(again).Run(input));
    }

    [Fact]
    public void Shape_rule_rejects_filters_that_do_not_match_the_groups()
    {
        var b = new IrGraphBuilder("bad");
        var x = b.Input("x", new[] { 1, 5, 5, 4 }, IrDataType.Int8, QuantParams.PerTensor(0.05f, 2));
        var w = b.ConstantInt8("w", new[] { 6, 3, 3, 2 }, new sbyte[108], QuantParams.PerChannel(Enumerable.Repeat(0.01f, 6).ToArray(), new int[6], 0));
        var error = Assert.ThrowsAny<MicroBackboneException>(() =>
            b.Output(b.Conv2D(x, w, null, new Conv2DAttributes(Groups: 4), "conv", QuantParams.PerTensor(0.1f, 0))).Build());
        Assert.Contains("groups 4", error.Message);
    }
}
