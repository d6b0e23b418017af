using MicroBackbone.Ir;

namespace MicroBackbone.Tests.Shared;

/// <summary>
/// int8 graphs of the layout operators (Transpose, StridedSlice, Concatenation, PadV2) built with
/// <see cref="IrGraphBuilder"/>: odd sizes, negative strides, 5-D shapes, constant operands, negative zero points.
/// Shared by the C back end tests and the C# emitter tests, which run them against the int8 reference interpreter.
/// </summary>
internal static class LayoutTestModels
{
    /// <summary>Every layout operator in one chain: input [1, 5, 7, 3], output [1, 8, 3, 2, 7] (int8 0.05, -7).</summary>
    public static IrGraph Chain()
    {
        var q = QuantParams.PerTensor(0.05f, -7);
        var b = new IrGraphBuilder("layout_chain");
        var x = b.Input("x", new[] { 1, 5, 7, 3 }, IrDataType.Int8, q);

        // NHWC -> NCHW, then a window walked backwards on three axes.
        var t = b.Op(IrOpKind.Transpose, new[] { x }, new TransposeAttributes(EquatableArray.Of(0, 3, 1, 2)), "to_nchw");
        var s = b.Op(IrOpKind.StridedSlice, new[] { t },
            new StridedSliceAttributes(EquatableArray.Of(0, 2, 4, 6), EquatableArray.Of(1, 2, 3, 4), EquatableArray.Of(1, -1, -1, -2)), "reverse_window");

        // Padded back to [1, 3, 5, 7] with an explicit value, on uneven sides.
        var value = b.ConstantInt8("pad.value", new[] { 1 }, new sbyte[] { 17 }, q);
        var p = b.Op(IrOpKind.PadV2, new[] { s, value },
            new PadV2Attributes(EquatableArray.Of(0, 1, 0, 2), EquatableArray.Of(0, 0, 2, 1)), "pad_v2");

        // Joined on the innermost axis with the transpose and a constant, then on axis 1 with a strided part of itself.
        var constant = b.ConstantInt8("extra", new[] { 1, 3, 5, 2 }, Enumerable.Range(0, 30).Select(i => (sbyte)((i * 37 % 256) - 128)).ToArray(), q);
        var c = b.Op(IrOpKind.Concatenation, new[] { t, p, constant }, new ConcatenationAttributes(3), "concat_channels");
        var half = b.Op(IrOpKind.StridedSlice, new[] { c },
            new StridedSliceAttributes(EquatableArray.Of(0, 0, 1, 0), EquatableArray.Of(1, 3, 2, 16), EquatableArray.Of(1, 1, 2, 1)), "odd_rows");
        var c2 = b.Op(IrOpKind.Concatenation, new[] { half, c }, new ConcatenationAttributes(2), "concat_rows");

        // A 5-D transpose.
        var r = b.Reshape(c2, new[] { 1, 7, 3, 2, 8 }, "to_5d");
        var t5 = b.Op(IrOpKind.Transpose, new[] { r }, new TransposeAttributes(EquatableArray.Of(0, 4, 2, 3, 1)), "transpose_5d");
        return b.Output(t5).Build();
    }

    /// <summary>Input bytes of <see cref="Chain"/>.</summary>
    public const int ChainInputLength = 1 * 5 * 7 * 3;
}
