using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using static MicroBackbone.Compiler.BackEnds.C.CLowering;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Transpose, StridedSlice, Concatenation and PadV2: each becomes <c>mb_strided_copy_s8</c> calls with the walk the
/// int8 spec prepares (<see cref="StridedCopyParams"/>); a concatenation makes one call per input. A constant input
/// is passed as a <c>static const</c> array.
/// </summary>
internal static class StridedCopyLowering
{
    public static void Lower(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var x = g.Tensor(op.Inputs[0]);
        var y = g.Tensor(op.Outputs[0]);
        Int8Bridge.Quant(y, op);
        try
        {
            switch (op.Kind)
            {
                case IrOpKind.Transpose:
                    Add(ctx, index, op, 0, Transpose.Prepare(x.Shape, op.AttributesAs<TransposeAttributes>().Permutation), null);
                    break;
                case IrOpKind.StridedSlice when ctx.Plan.IsView(y.Id)
                    && ctx.Plan.OffsetOf(y.Id) == ctx.Plan.OffsetOf(x.Id) + x.ByteSize / x.Shape[1] * op.AttributesAs<StridedSliceAttributes>().Begin[1]:
                    break; // whole rows already in place inside the input (a patch band's input)
                case IrOpKind.StridedSlice:
                    var s = op.AttributesAs<StridedSliceAttributes>();
                    Add(ctx, index, op, 0, StridedSlice.Prepare(x.Shape, s.Begin, s.Size, s.Strides), null);
                    break;
                case IrOpKind.Concatenation:
                    var inputs = op.Inputs.Select(g.Tensor).ToList();
                    var walks = Concatenation.Prepare(inputs.Select(t => (IReadOnlyList<int>)t.Shape).ToList(),
                        op.AttributesAs<ConcatenationAttributes>().Axis, inputs.Select(t => Int8Bridge.Quant(t, op)).ToList(), Int8Bridge.Quant(y, op));
                    long rowsBefore = 0;
                    for (var i = 0; i < walks.Count; i++)
                    {
                        // A patch band written straight into its rows of the output needs no copy.
                        if (!ctx.Plan.IsView(op.Inputs[i]) || ctx.Plan.OffsetOf(op.Inputs[i]) != ctx.Plan.OffsetOf(y.Id) + rowsBefore)
                        {
                            Add(ctx, index, op, i, walks[i], null);
                        }

                        rowsBefore += inputs[i].ByteSize;
                    }

                    break;
                case IrOpKind.PadV2:
                    var a = op.AttributesAs<PadV2Attributes>();
                    var p = PadV2Params.Prepare(x.Shape, a.Before, a.After, g.Tensor(op.Inputs[1]).ReadInt8()[0]);
                    Add(ctx, index, op, 0, p.Copy, (p.OutputCount, p.Fill));
                    break;
                default:
                    throw Int8Bridge.Unsupported(op, "is not a layout operator");
            }
        }
        catch (QuantizationException e)
        {
            throw Int8Bridge.Unsupported(op, e.Message);
        }
    }

    private static void Add(CLowering ctx, int index, IrOperator op, int operand, StridedCopyParams walk, (long Size, sbyte Value)? fill)
    {
        var input = ctx.Graph.Tensor(op.Inputs[operand]);
        Int8Bridge.Quant(input, op);
        var symbol = Symbol(index, op) + (op.Kind == IrOpKind.Concatenation ? "_in" + operand : string.Empty);
        var source = input.IsConstant
            ? ctx.AddArray(symbol, "values", "int8_t", input.ReadInt8().Select(v => (long)v).ToList(), $"'{op.Name}' constant input {operand}")
            : ctx.Pointer(input.Id);
        var output = ctx.Graph.Tensor(op.Outputs[0]);
        ctx.UseKernels("strided");
        ctx.Layers.Add(new CLayer
        {
            Index = index,
            Comment = CIdentifiers.Comment($"{op.Kind} '{op.Name}'{(op.Kind == IrOpKind.Concatenation ? $" input {operand}" : string.Empty)} -> {output.DataType.ToMbirName()}{output.Shape}"),
            Symbol = symbol,
            ParamsType = "mb_strided_params_t",
            Function = "mb_strided_copy_s8",
            Fields = new[]
            {
                E("dims", Braces(walk.Dims)), E("in_strides", Braces(walk.InputStrides)), E("out_strides", Braces(walk.OutputStrides)),
                F("in_offset", walk.InputOffset), F("out_offset", walk.OutputOffset), F("fill_size", fill?.Size ?? 0), F("fill", fill?.Value ?? 0),
            },
            Args = new[] { source, ctx.Pointer(output.Id) },
        });
    }

    private static string Braces(IReadOnlyList<int> values) => "{ " + string.Join(", ", values.Select(v => CLiterals.Int(v))) + " }";
}
