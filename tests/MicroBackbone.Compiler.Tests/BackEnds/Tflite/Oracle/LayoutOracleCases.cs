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
