using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Int8;

/// <summary>
/// The layout operators' int8 spec (Transpose, StridedSlice, Concatenation, PadV2) against expectations written out
/// by hand or computed by plain index arithmetic here, plus their shape rules and <c>.mbir</c> round trip.
/// </summary>
public class LayoutKernelTests
{
    private static readonly QuantParams Q = QuantParams.PerTensor(0.1f, -3);

    [Fact]
    public void Transpose_of_a_2x3_matrix()
    {
        var p = Transpose.Prepare(new[] { 2, 3 }, new[] { 1, 0 });
        var output = new sbyte[6];
        Transpose.Eval(p, new sbyte[] { 1, 2, 3, 4, 5, 6 }, output);
        Assert.Equal(new sbyte[] { 1, 4, 2, 5, 3, 6 }, output);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4, 5 }, new[] { 3, 1, 0, 2 })]
    [InlineData(new[] { 1, 5, 7, 3 }, new[] { 0, 3, 1, 2 })]
    [InlineData(new[] { 2, 1, 3, 2, 5 }, new[] { 4, 2, 0, 3, 1 })]
    [InlineData(new[] { 2, 3, 1, 2, 2, 3 }, new[] { 5, 0, 4, 1, 3, 2 })]
    public void Transpose_moves_every_element_to_its_permuted_index(int[] shape, int[] perm)
    {
        var input = Ramp(shape);
        var output = new sbyte[input.Length];
        Transpose.Eval(Transpose.Prepare(shape, perm), input, output);
        var outShape = perm.Select(p => shape[p]).ToArray();
        foreach (var index in Indices(outShape))
        {
            var source = new int[shape.Length];
            for (var d = 0; d < perm.Length; d++)
            {
                source[perm[d]] = index[d];
            }

            Assert.Equal(input[Flat(shape, source)], output[Flat(outShape, index)]);
        }
    }

    [Fact]
    public void Strided_slice_walks_backwards_with_negative_strides()
    {
        // [3, 4] = 0..11; rows 2, 0 (stride -2), columns 3, 2, 1 (stride -1).
        var p = StridedSlice.Prepare(new[] { 3, 4 }, new[] { 2, 3 }, new[] { 2, 3 }, new[] { -2, -1 });
        var output = new sbyte[6];
        StridedSlice.Eval(p, Ramp(new[] { 3, 4 }), output);
        Assert.Equal(new sbyte[] { 11, 10, 9, 3, 2, 1 }, output);
    }

    [Fact]
    public void Strided_slice_refuses_an_index_outside_the_input()
    {
        Assert.Throws<MicroBackbone.Ir.Int8.QuantizationException>(() => StridedSlice.Prepare(new[] { 3, 4 }, new[] { 0, 1 }, new[] { 2, 3 }, new[] { 2, 2 }));
    }

    [Fact]
    public void Pad_v2_fills_with_the_stored_value_on_every_side()
    {
        var p = PadV2Params.Prepare(new[] { 2, 2 }, new[] { 1, 0 }, new[] { 0, 2 }, -9);
        var output = new sbyte[12];
        PadV2.Eval(p, new sbyte[] { 1, 2, 3, 4 }, output);
        Assert.Equal(new sbyte[] { -9, -9, -9, -9, 1, 2, -9, -9, 3, 4, -9, -9 }, output);
    }

    [Fact]
    public void Concatenation_joins_along_the_middle_axis()
    {
        var q = new MicroBackbone.Ir.Int8.QuantizationParams(0.1f, -3);
        var walks = Concatenation.Prepare(new[] { new[] { 2, 1, 2 }, new[] { 2, 2, 2 } }, 1, new[] { q, q }, q);
        var output = new sbyte[12];
        Concatenation.Eval(walks, new[] { new sbyte[] { 1, 2, 3, 4 }, new sbyte[] { 10, 11, 12, 13, 14, 15, 16, 17 } }, output);
        Assert.Equal(new sbyte[] { 1, 2, 10, 11, 12, 13, 3, 4, 14, 15, 16, 17 }, output);
    }

    [Fact]
    public void Concatenation_refuses_an_input_with_another_scale()
    {
        var a = new MicroBackbone.Ir.Int8.QuantizationParams(0.1f, -3);
        var b = new MicroBackbone.Ir.Int8.QuantizationParams(0.2f, -3);
        var ex = Assert.Throws<MicroBackbone.Ir.Int8.QuantizationException>(() => Concatenation.Prepare(new[] { new[] { 1, 2 }, new[] { 1, 2 } }, 1, new[] { a, b }, a));
        Assert.Contains("input 1", ex.Message);
    }

    [Fact]
    public void Layout_graph_runs_and_round_trips_through_mbir()
    {
        var b = new IrGraphBuilder("layout");
        var x = b.Input("x", new[] { 1, 3, 4 }, IrDataType.Int8, Q);
        var t = b.Op(IrOpKind.Transpose, new[] { x }, new TransposeAttributes(EquatableArray.Of(0, 2, 1)), "t");
        var s = b.Op(IrOpKind.StridedSlice, new[] { t }, new StridedSliceAttributes(EquatableArray.Of(0, 3, 0), EquatableArray.Of(1, 2, 3), EquatableArray.Of(1, -2, 1)), "s");
        var v = b.ConstantInt8("v", new[] { 1 }, new sbyte[] { 5 }, Q);
        var p = b.Op(IrOpKind.PadV2, new[] { s, v }, new PadV2Attributes(EquatableArray.Of(0, 0, 1), EquatableArray.Of(0, 1, 0)), "p");
        var c = b.Op(IrOpKind.Concatenation, new[] { p, x }, new ConcatenationAttributes(1), "c");
        var g = b.Output(c).Build();
        Assert.Equal(new[] { 1, 6, 4 }, g.Tensor(c).Shape.ToArray());
        Assert.Equal(g, MbirReader.Read(MbirWriter.Write(g), "layout.mbir"));

        // x[0, r, k] = 4r + k; t[0, k, r] = 4r + k; s = t rows 3, 1.
        var output = new Int8Interpreter(g).Run(Ramp(new[] { 1, 3, 4 }));
        var expected = new sbyte[]
        {
            5, 3, 7, 11,
            5, 1, 5, 9,
            5, 5, 5, 5,
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
        };
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Shape_rule_names_the_operator_and_the_bad_permutation()
    {
        var b = new IrGraphBuilder("bad");
        var x = b.Input("x", new[] { 2, 3 }, IrDataType.Int8, Q);
        var ex = Assert.Throws<IrValidationException>(() => b.Op(IrOpKind.Transpose, new[] { x }, new TransposeAttributes(EquatableArray.Of(0, 0)), "flip"));
        Assert.Contains("flip", ex.Message);
        Assert.Contains("permutation [0, 0]", ex.Message);
    }

    private static sbyte[] Ramp(int[] shape) =>
        Enumerable.Range(0, shape.Aggregate(1, (a, v) => a * v)).Select(i => (sbyte)((i % 256) - (i % 256 > 127 ? 256 : 0))).ToArray();

    private static int Flat(int[] shape, int[] index)
    {
        var flat = 0;
        for (var d = 0; d < shape.Length; d++)
        {
            flat = (flat * shape[d]) + index[d];
        }

        return flat;
    }

    private static IEnumerable<int[]> Indices(int[] shape)
    {
        var count = shape.Aggregate(1, (a, v) => a * v);
        for (var i = 0; i < count; i++)
        {
            var index = new int[shape.Length];
            var rem = i;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = rem % shape[d];
                rem /= shape[d];
            }

            yield return index;
        }
    }
}
