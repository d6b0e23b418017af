using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8.Kernels;
using static MicroBackbone.Compiler.BackEnds.C.CLowering;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Sub, Maximum, Minimum and Prelu with size-1 broadcasting; either operand may be a constant (emitted as an int8
/// array). Sub runs on the add kernel: its per-operand terms are tabulated like Add's, the second one negated, so
/// the kernel's sum is TFLite's difference.
/// </summary>
internal static class BinaryMathLowering
{
    public static void Lower(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (a, b, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Inputs[1]), g.Tensor(op.Outputs[0]));
        var (qa, qb, qy) = (Int8Bridge.Quant(a, op), Int8Bridge.Quant(b, op), Int8Bridge.Quant(y, op));
        var shape = E("shape", ElementwiseLowering.Broadcast(a, b, y, op));
        var args = new[] { ctx.Operand(index, op, a, "a"), ctx.Operand(index, op, b, "b") };
        ctx.UseKernels("bcast");
        var sym = Symbol(index, op);
        switch (op.Kind)
        {
            case IrOpKind.Sub:
                {
                    var p = AddParams.PrepareSub(qa, qb, qy, op.AttributesAs<ElementwiseAttributes>().Activation);
                    long[] Terms(int offset, Ir.Int8.QuantizedMultiplier m, int sign) =>
                        Enumerable.Range(-128, 256).Select(q => (long)sign * AddParams.Term((sbyte)q, offset, m)).ToArray();
                    var aTable = ctx.AddArray(sym, "a_terms", "int32_t", Terms(p.Input1Offset, p.Input1Multiplier, 1), $"'{op.Name}' first operand rescaled, q = -128..127");
                    var bTable = ctx.AddArray(sym, "b_terms", "int32_t", Terms(p.Input2Offset, p.Input2Multiplier, -1), $"'{op.Name}' second operand rescaled and negated, q = -128..127");
                    ctx.UseKernels("add");
                    ctx.AddLayer(index, op, "mb_add_params_t", "mb_add_s8", new[]
                    {
                        shape, F("out_mult", p.OutputMultiplier.Multiplier), F("out_shift", p.OutputMultiplier.Shift),
                        F("out_zp", p.OutputOffset), F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
                        E("a_table", aTable), E("b_table", bTable),
                    }, args);
                    return;
                }

            case IrOpKind.Maximum or IrOpKind.Minimum:
                ctx.UseKernels("minmax");
                ctx.AddLayer(index, op, "mb_minmax_params_t", "mb_minmax_s8", new[] { shape, F("is_max", op.Kind == IrOpKind.Maximum ? 1 : 0) }, args);
                return;
            default:
                {
                    var p = PreluParams.Prepare(qa, qb, qy);
                    ctx.UseKernels("prelu");
                    ctx.AddLayer(index, op, "mb_prelu_params_t", "mb_prelu_s8", new[]
                    {
                        shape, F("in_offset", p.InputOffset), F("alpha_offset", p.AlphaOffset), F("out_zp", p.OutputOffset),
                        F("pos_mult", p.Positive.Multiplier), F("pos_shift", p.Positive.Shift),
                        F("neg_mult", p.Negative.Multiplier), F("neg_shift", p.Negative.Shift),
                    }, args);
                    return;
                }
        }
    }
}
