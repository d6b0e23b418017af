using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// The layout operators TFLite Micro runs as byte moves: CONCATENATION, STRIDED_SLICE, SLICE, SPLIT, SPLIT_V,
/// TRANSPOSE, PADV2 (and PAD beyond spatial NHWC padding), SQUEEZE and EXPAND_DIMS. Begin/end/mask arithmetic is
/// resolved here as TFLite Micro resolves it (strided_slice_logic.h), so the IR holds only in-range windows; SPLIT and
/// SPLIT_V become one StridedSlice per output; SQUEEZE and EXPAND_DIMS become Reshape.
/// </summary>
internal static class TfliteLayoutImport
{
    /// <summary>True for the operators with several outputs (SPLIT, SPLIT_V), imported as one IR operator per output.</summary>
    public static bool HasSeveralOutputs(TfliteBuiltinOperator builtin) =>
        builtin is TfliteBuiltinOperator.Split or TfliteBuiltinOperator.SplitV;

    /// <summary>CONCATENATION: TFLite Micro refuses a fused activation and differing int8 quantization, as we do.</summary>
    public static void Concatenation(TfliteImportContext c)
    {
        var o = c.Options<TfliteConcatenationOptions>();
        if (o.Activation != TfliteActivation.None)
        {
            throw c.Fail($"option fused_activation_function = {o.Activation} is not supported (TFLite Micro requires NONE)");
        }

        var rank = c.OutputShape().Length;
        var axis = o.Axis < 0 ? o.Axis + rank : o.Axis;
        if (axis < 0 || axis >= rank)
        {
            throw c.Fail($"option axis = {o.Axis} is outside a rank-{rank} output");
        }

        c.Add(IrOpKind.Concatenation, Enumerable.Range(0, c.Op.Inputs.Count).Select(c.In).ToArray(), new ConcatenationAttributes(axis));
    }

    /// <summary>STRIDED_SLICE with begin/end/strides constant, TFLite Micro's mask rules, shrink axes as a Reshape.</summary>
    public static void StridedSlice(TfliteImportContext c)
    {
        var o = c.Options<TfliteStridedSliceOptions>();
        if (o.EllipsisMask != 0)
        {
            throw c.Fail($"option ellipsis_mask = {o.EllipsisMask} is not supported (TFLite Micro ignores it)");
        }

        if (o.NewAxisMask != 0)
        {
            throw c.Fail($"option new_axis_mask = {o.NewAxisMask} is not supported (TFLite Micro ignores it)");
        }

        if (o.Offset)
        {
            throw c.Fail("option offset = true is not supported (TFLite Micro ignores it)");
        }

        var x = c.InputShape(0).ToArray();
        var begin = c.IntInput(1, "begin");
        var end = c.IntInput(2, "end");
        var strides = c.IntInput(3, "strides");
        if (x.Length > 4 || begin.Length != x.Length || end.Length != x.Length || strides.Length != x.Length)
        {
            throw c.Fail($"has input of rank {x.Length} with {begin.Length} begin, {end.Length} end and {strides.Length} stride values; expected rank <= 4 and one value per dimension");
        }

        var start = new int[x.Length];
        var size = new int[x.Length];
        var kept = new List<int>();
        for (var d = 0; d < x.Length; d++)
        {
            if (strides[d] == 0)
            {
                throw c.Fail($"stride {d} is 0");
            }

            var shrink = (o.ShrinkAxisMask & (1 << d)) != 0;
            start[d] = Start(begin[d], strides[d], (o.BeginMask & (1 << d)) != 0, x[d]);
            var stop = shrink
                ? (start[d] >= x[d] ? start[d] : start[d] + 1)
                : Stop(end[d], strides[d], (o.EndMask & (1 << d)) != 0, x[d]);
            size[d] = Count(start[d], stop, strides[d]);
            if (!shrink)
            {
                kept.Add(size[d]);
            }
        }

        Window(c, start, size, strides, kept.ToArray(), "strided_slice");
    }

    /// <summary>SLICE: begin and size constant; size -1 runs to the end (reference/slice.h).</summary>
    public static void Slice(TfliteImportContext c)
    {
        var x = c.InputShape(0).ToArray();
        var begin = c.IntInput(1, "begin");
        var size = c.IntInput(2, "size");
        if (x.Length > 5 || begin.Length != x.Length || size.Length != x.Length)
        {
            throw c.Fail($"has input of rank {x.Length} with {begin.Length} begin and {size.Length} size values; expected rank <= 5 and one value per dimension");
        }

        var count = new int[x.Length];
        for (var d = 0; d < x.Length; d++)
        {
            count[d] = size[d] == -1 ? x[d] - begin[d] : size[d];
            if (begin[d] < 0 || count[d] < 1 || begin[d] + count[d] > x[d])
            {
                throw c.Fail($"takes begin {begin[d]}, size {size[d]} of dimension {d} (size {x[d]}); expected a non-empty window inside it");
            }
        }

        Window(c, begin, count, x.Select(_ => 1).ToArray(), count, "slice");
    }

    /// <summary>SPLIT (axis, input) into equal parts, one StridedSlice per output.</summary>
    public static void Split(TfliteImportContext c, int numSplits)
    {
        var x = c.InputShape(1).ToArray();
        var axis = Axis(c, c.IntInput(0, "axis"), x.Length);
        if (numSplits < 1 || numSplits != c.Op.Outputs.Count || x[axis] % numSplits != 0)
        {
            throw c.Fail($"option num_splits = {numSplits} does not split dimension {axis} (size {x[axis]}) into its {c.Op.Outputs.Count} outputs evenly");
        }

        Parts(c, 1, axis, Enumerable.Repeat(x[axis] / numSplits, numSplits).ToArray());
    }

    /// <summary>SPLIT_V (input, size_splits, axis); one size may be -1 (the rest of the axis).</summary>
    public static void SplitV(TfliteImportContext c, int numSplits)
    {
        var x = c.InputShape(0).ToArray();
        var sizes = c.IntInput(1, "size_splits");
        var axis = Axis(c, c.IntInput(2, "axis"), x.Length);
        if (numSplits != c.Op.Outputs.Count || sizes.Length != numSplits)
        {
            throw c.Fail($"option num_splits = {numSplits} does not match its {sizes.Length} sizes and {c.Op.Outputs.Count} outputs");
        }

        var unknown = Array.IndexOf(sizes, -1);
        if (unknown >= 0)
        {
            sizes[unknown] = x[axis] - sizes.Where((_, i) => i != unknown).Sum();
        }

        if (sizes.Any(s => s < 1) || sizes.Sum() != x[axis])
        {
            throw c.Fail($"size_splits [{string.Join(", ", sizes)}] do not add up to dimension {axis} (size {x[axis]}) in parts >= 1");
        }

        Parts(c, 0, axis, sizes);
    }

    /// <summary>TRANSPOSE with a constant permutation (TFLite Micro: rank &lt;= 5).</summary>
    public static void Transpose(TfliteImportContext c)
    {
        var perm = c.IntInput(1, "perm");
        var rank = c.InputShape(0).Count;
        if (rank > 5 || perm.Length != rank || !perm.OrderBy(p => p).SequenceEqual(Enumerable.Range(0, rank)))
        {
            throw c.Fail($"perm [{string.Join(", ", perm)}] is not a permutation of the {rank} dimensions (at most 5)");
        }

        c.Add(IrOpKind.Transpose, new[] { c.In(0) }, new TransposeAttributes(new EquatableArray<int>(perm)));
    }

    /// <summary>
    /// PADV2 (and PAD that is not spatial NHWC): paddings [rank, 2]; the border is the constant's stored value, or the
    /// output zero point when there is none (TFLite Micro pad.cc).
    /// </summary>
    public static void PadV2(TfliteImportContext c)
    {
        var x = c.InputShape(0).ToArray();
        var p = c.IntInput(1, "paddings");
        if (x.Length > 5 || p.Length != 2 * x.Length || p.Any(v => v < 0))
        {
            throw c.Fail($"paddings [{string.Join(", ", p)}] are not {x.Length} non-negative (before, after) pairs of a tensor of rank <= 5");
        }

        var y = c.OutputTensor;
        byte fill = unchecked((byte)(y.Quant is { } q ? q.ZeroPoints[0] : 0));
        var hasValue = c.Op.Inputs.Count > 2 && c.Op.Inputs[2] >= 0;
        if (hasValue)
        {
            var index = c.Op.Inputs[2];
            var data = c.State.Data(index);
            var t = c.State.Subgraph.Tensors[index];
            if (data.Length != 1 || t.Type != TfliteTensorType.Int8 && t.Type != TfliteTensorType.UInt8)
            {
                throw c.Fail($"constant_values (tensor {index}) must be one constant 8-bit value; got {t.Type} with {data.Length} bytes");
            }

            if (c.State.Quant(index) != y.Quant)
            {
                throw c.Fail($"constant_values (tensor {index}) must have the output's quantization (TFLite Micro requires it)");
            }

            fill = data[0];
        }

        if (y.DataType == IrDataType.Float32)
        {
            throw c.Fail("on float32 tensors is not supported (int8 models only)");
        }

        var id = c.State.Tensors.Count;
        c.State.Tensors.Add(new IrTensor(id, $"{y.Name}/pad_value", EquatableArray.Of(1), y.DataType, y.Quant, EquatableArray.Of(fill)));
        c.Add(IrOpKind.PadV2, new[] { c.In(0), id },
            new PadV2Attributes(new EquatableArray<int>(Enumerable.Range(0, x.Length).Select(d => p[2 * d])), new EquatableArray<int>(Enumerable.Range(0, x.Length).Select(d => p[(2 * d) + 1]))));
    }

    /// <summary>SQUEEZE moves no bytes: a Reshape; every listed axis must have size 1 (squeeze.cc).</summary>
    public static void Squeeze(TfliteImportContext c)
    {
        var x = c.InputShape(0).ToArray();
        var dims = c.Options<TfliteSqueezeOptions>().SqueezeDims?.ToArray() ?? Array.Empty<int>();
        var removed = dims.Length == 0
            ? Enumerable.Range(0, x.Length).Where(d => x[d] == 1).ToArray()
            : dims.Select(d => d < 0 ? d + x.Length : d).ToArray();
        if (removed.Any(d => d < 0 || d >= x.Length || x[d] != 1))
        {
            throw c.Fail($"option squeeze_dims = [{string.Join(", ", dims)}] names an axis that is not of size 1 in [{string.Join(", ", x)}]");
        }

        var shape = x.Where((_, d) => !removed.Contains(d)).ToArray();
        CheckShape(c, c.Op.Outputs[0], shape.Length == 0 ? new[] { 1 } : shape);
        Reshape(c);
    }

    /// <summary>EXPAND_DIMS moves no bytes: a Reshape that inserts one size-1 axis (axis input, negative from the end).</summary>
    public static void ExpandDims(TfliteImportContext c)
    {
        var x = c.InputShape(0).ToArray();
        var axis = c.IntInput(1, "axis");
        if (axis.Length != 1 || axis[0] < -(x.Length + 1) || axis[0] > x.Length)
        {
            throw c.Fail($"axis [{string.Join(", ", axis)}] is not one position in a rank-{x.Length + 1} output");
        }

        var at = axis[0] < 0 ? axis[0] + x.Length + 1 : axis[0];
        CheckShape(c, c.Op.Outputs[0], x.Take(at).Append(1).Concat(x.Skip(at)).ToArray());
        Reshape(c);
    }

    private static void Reshape(TfliteImportContext c) =>
        c.Add(IrOpKind.Reshape, new[] { c.In(0) }, new ReshapeAttributes(new EquatableArray<int>(c.OutputShape())));

    // strided_slice_logic.h StridedSliceStartForAxis: negative from the end, clamped, begin_mask wins.
    private static int Start(int begin, int stride, bool masked, int size)
    {
        long start = begin < 0 ? (long)begin + size : begin;
        start = stride > 0 ? Math.Clamp(start, 0, size) : Math.Clamp(start, -1, size - 1);
        return (int)(masked ? (stride > 0 ? 0 : size - 1) : start);
    }

    // StridedSliceEndForAxis without shrink or offset: negative from the end, clamped, end_mask wins.
    private static int Stop(int end, int stride, bool masked, int size)
    {
        long stop = end < 0 ? (long)end + size : end;
        stop = stride > 0 ? Math.Clamp(stop, 0, size) : Math.Clamp(stop, -1, size - 1);
        return (int)(masked ? (stride > 0 ? size : -1) : stop);
    }

    // Iterations of for (i = start; stride > 0 ? i < stop : i > stop; i += stride).
    private static int Count(int start, int stop, int stride)
    {
        long span = stride > 0 ? stop - (long)start : start - (long)stop;
        long step = Math.Abs((long)stride);
        return span <= 0 ? 0 : (int)((span + step - 1) / step);
    }

    private static int Axis(TfliteImportContext c, int[] axis, int rank)
    {
        if (axis.Length != 1 || axis[0] < -rank || axis[0] >= rank)
        {
            throw c.Fail($"axis [{string.Join(", ", axis)}] is not one axis of a rank-{rank} input");
        }

        return axis[0] < 0 ? axis[0] + rank : axis[0];
    }

    // One StridedSlice per output of SPLIT / SPLIT_V, each named after its output tensor.
    private static void Parts(TfliteImportContext c, int inputOperand, int axis, int[] sizes)
    {
        var x = c.InputShape(inputOperand).ToArray();
        var input = c.In(inputOperand);
        var start = 0;
        for (var j = 0; j < sizes.Length; j++)
        {
            var begin = new int[x.Length];
            begin[axis] = start;
            var size = x.ToArray();
            size[axis] = sizes[j];
            CheckShape(c, c.Op.Outputs[j], size);
            c.Add(IrOpKind.StridedSlice, new[] { input }, c.Op.Outputs[j],
                new StridedSliceAttributes(new EquatableArray<int>(begin), new EquatableArray<int>(size), new EquatableArray<int>(x.Select(_ => 1))));
            start += sizes[j];
        }
    }

    // A window of the input; when the output drops axes (shrink_axis_mask) a Reshape follows the StridedSlice.
    private static void Window(TfliteImportContext c, int[] begin, int[] size, int[] strides, int[] outputShape, string what)
    {
        if (size.Any(s => s < 1))
        {
            throw c.Fail($"selects an empty {what} (sizes [{string.Join(", ", size)}]); the IR needs at least one element per dimension");
        }

        CheckShape(c, c.Op.Outputs[0], outputShape);
        var attributes = new StridedSliceAttributes(new EquatableArray<int>(begin), new EquatableArray<int>(size), new EquatableArray<int>(strides));
        if (size.SequenceEqual(outputShape))
        {
            c.Add(IrOpKind.StridedSlice, new[] { c.In(0) }, attributes);
            return;
        }

        var y = c.OutputTensor;
        var window = c.State.NewActivation($"{y.Name}/window", size, y.DataType, y.Quant);
        c.State.Operators.Add(new IrOperator(IrOpKind.StridedSlice, $"{y.Name}/{what}", EquatableArray.Of(c.In(0)), EquatableArray.Of(window), attributes));
        c.State.Operators.Add(new IrOperator(IrOpKind.Reshape, y.Name, EquatableArray.Of(window), EquatableArray.Of(c.Out()), new ReshapeAttributes(y.Shape)));
    }

    private static void CheckShape(TfliteImportContext c, int output, int[] expected)
    {
        var declared = c.State.Subgraph.Tensors[output].Shape;
        if (!declared.SequenceEqual(expected))
        {
            throw c.Fail($"output (tensor {output}) has shape [{string.Join(", ", declared)}] but the operator makes [{string.Join(", ", expected)}]");
        }
    }
}
