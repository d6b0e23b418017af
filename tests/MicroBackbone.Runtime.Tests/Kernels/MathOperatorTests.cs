using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using IrK = MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Runtime.Tests.Kernels;

/// <summary>Sub, Maximum/Minimum, Prelu and the resizes of the runtime against the Ir.Int8 reference kernels, bit for bit.</summary>
public class MathOperatorTests
{
    // Output [2, 3, 5, 4]; a broadcasts over H, b over N and W.
    private static readonly BroadcastShape Walk = new(2, 3, 5, 4, 20, 0, 4, 1, 0, 4, 0, 1);

    [Fact]
    public void SubMatchesReferenceWithBroadcasting()
    {
        var rnd = new RandomData(901);
        foreach (var activation in new[] { FusedActivation.None, FusedActivation.Relu, FusedActivation.Relu6, FusedActivation.ReluN1To1 })
        {
            QuantizationParams q1 = rnd.Quant(), q2 = rnd.Quant(), qo = rnd.Quant(0.02f, 0.2f);
            var p = IrK.AddParams.PrepareSub(q1, q2, qo, activation);
            sbyte[] a = rnd.Int8(2 * 5 * 4), b = rnd.Int8(3 * 4);
            var expected = Reference(a, b, (x, y) => IrK.Sub.Element(p, x, y));
            var rp = new AddParameters(-p.Input1Offset, p.Input1Multiplier.Multiplier, p.Input1Multiplier.Shift, -p.Input2Offset,
                p.Input2Multiplier.Multiplier, p.Input2Multiplier.Shift, p.OutputMultiplier.Multiplier, p.OutputMultiplier.Shift,
                p.OutputOffset, p.Clamp.Min, p.Clamp.Max);
            var actual = new sbyte[Walk.ElementCount];
            Sub.Run(rp, Walk, a, b, actual);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void MaximumAndMinimumMatchReferenceWithBroadcasting()
    {
        var rnd = new RandomData(902);
        sbyte[] a = rnd.Int8(2 * 5 * 4), b = rnd.Int8(3 * 4);
        var actual = new sbyte[Walk.ElementCount];
        MaximumMinimum.Run(true, Walk, a, b, actual);
        Assert.Equal(Reference(a, b, IrK.MaximumMinimum.Maximum), actual);
        MaximumMinimum.Run(false, Walk, a, b, actual);
        Assert.Equal(Reference(a, b, IrK.MaximumMinimum.Minimum), actual);
    }

    [Fact]
    public void PreluMatchesReferenceWithBroadcasting()
    {
        var rnd = new RandomData(903);
        QuantizationParams qx = rnd.Quant(), qa = rnd.Quant(0.001f, 0.05f), qo = rnd.Quant();
        var p = IrK.PreluParams.Prepare(qx, qa, qo);
        sbyte[] x = rnd.Int8(2 * 5 * 4), alpha = rnd.Int8(3 * 4);
        var actual = new sbyte[Walk.ElementCount];
        Prelu.Run(-p.InputOffset, -p.AlphaOffset, p.OutputOffset, p.Positive.Multiplier, p.Positive.Shift, p.Negative.Multiplier,
            p.Negative.Shift, Walk, x, alpha, actual);
        Assert.Equal(Reference(x, alpha, (u, v) => IrK.Prelu.Element(p, u, v)), actual);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void ResizesMatchReference(bool align, bool half)
    {
        var rnd = new RandomData(904);
        var shape = new Nhwc(2, 3, 5, 3);
        var input = rnd.Int8(shape.ElementCount);
        foreach (var (h, w) in new[] { (7, 9), (2, 3), (1, 1), (5, 1) })
        {
            var nearest = IrK.ResizeNearestNeighborParams.Prepare(shape, h, w, align, half);
            var expected = new sbyte[nearest.Output.ElementCount];
            IrK.ResizeNearestNeighbor.Eval(nearest, input, expected);
            var actual = new sbyte[expected.Length];
            Resize.Nearest(IrConversions.Shape(shape), h, w, nearest.SourceRows.ToArray(), nearest.SourceColumns.ToArray(), input, actual);
            Assert.Equal(expected, actual);

            var bilinear = IrK.ResizeBilinearParams.Prepare(shape, h, w, align, half);
            IrK.ResizeBilinear.Eval(bilinear, input, expected);
            Resize.Bilinear(IrConversions.Shape(shape), h, w, Triples(bilinear.Rows), Triples(bilinear.Columns), input, actual);
            Assert.Equal(expected, actual);
        }
    }

    private static int[] Triples(IrK.ResizeBilinearParams.Axis axis) =>
        Enumerable.Range(0, axis.Scaled.Count).SelectMany(i => new[] { axis.Scaled[i], axis.Lower[i], axis.Upper[i] }).ToArray();

    // The walk written out independently: a is [2, 1, 5, 4], b is [1, 3, 1, 4].
    private static sbyte[] Reference(sbyte[] a, sbyte[] b, Func<sbyte, sbyte, sbyte> f)
    {
        var output = new List<sbyte>();
        for (var n = 0; n < 2; n++)
        {
            for (var h = 0; h < 3; h++)
            {
                for (var w = 0; w < 5; w++)
                {
                    for (var c = 0; c < 4; c++)
                    {
                        output.Add(f(a[(((n * 5) + w) * 4) + c], b[(h * 4) + c]));
                    }
                }
            }
        }

        return output.ToArray();
    }
}
