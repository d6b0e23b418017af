using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// Single layout operators as the converter writes them (int8, constant parameter tensors): CONCATENATION on several
/// axes with negative axes and constant inputs, STRIDED_SLICE with negative indices and strides, every mask and
/// shrink axes, PAD beyond spatial NHWC padding. Odd sizes and negative zero points throughout.
/// </summary>
public sealed class LayoutOracleCases : IOracleCaseSource
{
    private const TfliteTensorType I8 = TfliteTensorType.Int8;

    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        yield return ("layout_concat_last_axis_const", TfliteWriter.Write(ConcatLastAxis()));
        yield return ("layout_concat_axis1_rank3", TfliteWriter.Write(ConcatAxis1()));
        yield return ("layout_strided_slice_negative", TfliteWriter.Write(StridedSlice(
            [1, 7, 9, 5], [0, -2, 1, 4], [1, 0, 8, 0], [1, -1, 3, -2], new TfliteStridedSliceOptions(), [1, 5, 3, 2])));
        yield return ("layout_strided_slice_masks_shrink", TfliteWriter.Write(StridedSlice(
            [1, 7, 9, 5], [0, 3, 0, 1], [0, 0, 4, 0], [1, 1, 2, 1], new TfliteStridedSliceOptions(BeginMask: 0b0101, EndMask: 0b1001, ShrinkAxisMask: 0b0010), [1, 2, 4])));
        yield return ("layout_strided_slice_reverse_rank2", TfliteWriter.Write(StridedSlice(
            [2, 6], [1, 0], [0, 0], [1, -1], new TfliteStridedSliceOptions(BeginMask: 0b10, EndMask: 0b10, ShrinkAxisMask: 0b01), [6])));
        yield return ("layout_pad_channels", TfliteWriter.Write(PadChannels()));
        yield return ("layout_transpose_nchw_to_nhwc", TfliteWriter.Write(Transpose([1, 3, 5, 7], [0, 2, 3, 1])));
        yield return ("layout_transpose_rank3", TfliteWriter.Write(Transpose([3, 4, 5], [2, 0, 1])));
        yield return ("layout_transpose_5d", TfliteWriter.Write(Transpose([2, 3, 1, 4, 5], [4, 1, 3, 0, 2])));
        yield return ("layout_slice_to_end", TfliteWriter.Write(Slice()));
        yield return ("layout_split_negative_axis", TfliteWriter.Write(SplitThenConcat()));
        yield return ("layout_split_v_inferred_size", TfliteWriter.Write(SplitVThenConcat()));
        yield return ("layout_pad_v2_value", TfliteWriter.Write(PadV2([1, 3, 4, 5], [0, 0, 2, 1, 0, 3, 1, 0], [1, 6, 7, 6], -100)));
        yield return ("layout_pad_v2_rank2_max", TfliteWriter.Write(PadV2([5, 3], [1, 2, 3, 0], [8, 6], 127)));
        yield return ("layout_squeeze_expand_dims", TfliteWriter.Write(SqueezeExpand()));
        yield return ("layout_transpose_chain_folds", TfliteWriter.Write(TransposeChain()));
        yield return ("layout_transpose_one_channel_nchw", TfliteWriter.Write(Transpose([1, 1, 6, 5], [0, 2, 3, 1])));
    }

    /// <summary>NHWC → NCHW → NHWC → NCHW: three TRANSPOSEs the importer folds into one.</summary>
    internal static TfliteModel TransposeChain()
    {
        var q = ConverterStyleModels.Q(0.03f, 5);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, [1, 3, 4, 5], q);
        var toNhwc = m.Int32s("to_nhwc", [4], 0, 2, 3, 1);
        var toNchw = m.Int32s("to_nchw", [4], 0, 3, 1, 2);
        var a = m.Activation("a", I8, [1, 4, 5, 3], q);
        var b = m.Activation("b", I8, [1, 3, 4, 5], q);
        var y = m.Activation("y", I8, [1, 4, 5, 3], q);
        m.Op(TfliteBuiltinOperator.Transpose, [x, toNhwc], a, new TfliteTransposeOptions(), 1);
        m.Op(TfliteBuiltinOperator.Transpose, [a, toNchw], b, new TfliteTransposeOptions(), 1);
        m.Op(TfliteBuiltinOperator.Transpose, [b, toNhwc], y, new TfliteTransposeOptions(), 1);
        return m.Build([x], [y]);
    }

    internal static TfliteModel Transpose(int[] shape, int[] perm)
    {
        var q = ConverterStyleModels.Q(0.03f, -128);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, shape, q);
        var p = m.Int32s("perm", [perm.Length], perm);
        var y = m.Activation("y", I8, perm.Select(d => shape[d]).ToArray(), q);
        m.Op(TfliteBuiltinOperator.Transpose, [x, p], y, new TfliteTransposeOptions(), 1);
        return m.Build([x], [y]);
    }

    private static TfliteModel Slice()
    {
        var q = ConverterStyleModels.Q(0.07f, 21);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, [1, 5, 6, 3], q);
        var b = m.Int32s("begin", [4], 0, 1, 2, 0);
        var s = m.Int32s("size", [4], 1, -1, 3, 2);
        var y = m.Activation("y", I8, [1, 4, 3, 2], q);
        m.Op(TfliteBuiltinOperator.Slice, [x, b, s], y, new TfliteSliceOptions(), 1);
        return m.Build([x], [y]);
    }

    // SPLIT into three, concatenated back in another order so every part reaches the one output.
    private static TfliteModel SplitThenConcat()
    {
        var q = ConverterStyleModels.Q(0.05f, -3);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, [1, 4, 6, 6], q);
        var axis = m.Int32s("axis", [], -1);
        var parts = Enumerable.Range(0, 3).Select(i => m.Activation($"part{i}", I8, [1, 4, 6, 2], q)).ToArray();
        m.Op(TfliteBuiltinOperator.Split, [axis, x], parts, new TfliteSplitOptions(3), 1);
        var y = m.Activation("y", I8, [1, 4, 6, 6], q);
        m.Op(TfliteBuiltinOperator.Concatenation, [parts[2], parts[0], parts[1]], y, new TfliteConcatenationOptions(3), 1);
        return m.Build([x], [y]);
    }

    private static TfliteModel SplitVThenConcat()
    {
        var q = ConverterStyleModels.Q(0.05f, 40);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, [1, 7, 5, 3], q);
        var sizes = m.Int32s("size_splits", [3], 2, -1, 1);
        var axis = m.Int32s("axis", [], 1);
        int[][] shapes = [[1, 2, 5, 3], [1, 4, 5, 3], [1, 1, 5, 3]];
        var parts = shapes.Select((s, i) => m.Activation($"part{i}", I8, s, q)).ToArray();
        m.Op(TfliteBuiltinOperator.SplitV, [x, sizes, axis], parts, new TfliteSplitVOptions(3), 1);
        var y = m.Activation("y", I8, [1, 7, 5, 3], q);
        m.Op(TfliteBuiltinOperator.Concatenation, [parts[1], parts[2], parts[0]], y, new TfliteConcatenationOptions(1), 1);
        return m.Build([x], [y]);
    }

    private static TfliteModel PadV2(int[] shape, int[] paddings, int[] outputShape, sbyte value)
    {
        var q = ConverterStyleModels.Q(0.02f, -17);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, shape, q);
        var p = m.Int32s("paddings", [shape.Length, 2], paddings);
        var v = m.Constant("constant_values", I8, [], m.Buffer([unchecked((byte)value)]), q);
        var y = m.Activation("y", I8, outputShape, q);
        m.Op(TfliteBuiltinOperator.PadV2, [x, p, v], y, new TflitePadV2Options(), 1);
        return m.Build([x], [y]);
    }

    private static TfliteModel SqueezeExpand()
    {
        var q = ConverterStyleModels.Q(0.01f, 0);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, [1, 1, 5, 1, 3], q);
        var s = m.Activation("squeezed", I8, [1, 5, 3], q);
        m.Op(TfliteBuiltinOperator.Squeeze, [x], s, new TfliteSqueezeOptions(StructuralList.From(new[] { 1, -2 })), 1);
        var axis = m.Int32s("axis", [], -1);
        var y = m.Activation("y", I8, [1, 5, 3, 1], q);
        m.Op(TfliteBuiltinOperator.ExpandDims, [s, axis], y, new TfliteExpandDimsOptions(), 1);
        return m.Build([x], [y]);
    }

    private static TfliteModel ConcatLastAxis()
    {
        var q = ConverterStyleModels.Q(0.05f, -7);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, [1, 3, 5, 4], q);
        var c = m.Constant("c", I8, [1, 3, 5, 3], m.Buffer(Enumerable.Range(0, 45).Select(i => (byte)(i * 29)).ToArray()), q);
        var y = m.Activation("y", I8, [1, 3, 5, 11], q);
        m.Op(TfliteBuiltinOperator.Concatenation, [x, c, x], y, new TfliteConcatenationOptions(-1), 1);
        return m.Build([x], [y]);
    }

    private static TfliteModel ConcatAxis1()
    {
        var q = ConverterStyleModels.Q(0.1f, 13);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, [2, 3, 5], q);
        var y = m.Activation("y", I8, [2, 6, 5], q);
        m.Op(TfliteBuiltinOperator.Concatenation, [x, x], y, new TfliteConcatenationOptions(1), 1);
        return m.Build([x], [y]);
    }

    private static TfliteModel StridedSlice(int[] shape, int[] begin, int[] end, int[] strides, TfliteStridedSliceOptions options, int[] outputShape)
    {
        var q = ConverterStyleModels.Q(0.02f, -100);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, shape, q);
        var b = m.Int32s("begin", [shape.Length], begin);
        var e = m.Int32s("end", [shape.Length], end);
        var s = m.Int32s("strides", [shape.Length], strides);
        var y = m.Activation("y", I8, outputShape, q);
        m.Op(TfliteBuiltinOperator.StridedSlice, [x, b, e, s], y, options, 1);
        return m.Build([x], [y]);
    }

    private static TfliteModel PadChannels()
    {
        var q = ConverterStyleModels.Q(0.04f, -9);
        var m = new ConverterStyleModels();
        var x = m.Activation("x", I8, [1, 3, 4, 5], q);
        var p = m.Int32s("paddings", [4, 2], 0, 0, 1, 0, 0, 2, 1, 2);
        var y = m.Activation("y", I8, [1, 4, 6, 8], q);
        m.Op(TfliteBuiltinOperator.Pad, [x, p], y, new TflitePadOptions(), 1);
        return m.Build([x], [y]);
    }
}
