using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using static MicroBackbone.Compiler.BackEnds.C.CLowering;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Add and Mul (with size-1 broadcasting), the int8 -> int8 unary functions (one 256-entry table each, filled by
/// the int8 spec's own kernel so the C is bit-identical by construction) and Softmax.
/// </summary>
internal static class ElementwiseLowering
{
    public static void Binary(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (a, b, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Inputs[1]), g.Tensor(op.Outputs[0]));
        var act = op.AttributesAs<ElementwiseAttributes>().Activation;
        var (qa, qb, qy) = (Int8Bridge.Quant(a, op), Int8Bridge.Quant(b, op), Int8Bridge.Quant(y, op));
        var shape = E("shape", Broadcast(a, b, y, op));
        ctx.UseKernels("bcast");
        if (op.Kind == IrOpKind.Add)
        {
            var p = AddParams.Prepare(qa, qb, qy, act);
            var sym = Symbol(index, op);

            // Add.Element's per-operand term, MBQM((q + offset) << 20, M): a function of q alone.
            long[] Term(int offset, QuantizedMultiplier m) =>
                Enumerable.Range(-128, 256).Select(q => (long)m.Apply((q + offset) * (1 << AddParams.LeftShift))).ToArray();
            var aTable = ctx.AddArray(sym, "a_terms", "int32_t", Term(p.Input1Offset, p.Input1Multiplier), $"'{op.Name}' first operand rescaled, q = -128..127");
            var bTable = ctx.AddArray(sym, "b_terms", "int32_t", Term(p.Input2Offset, p.Input2Multiplier), $"'{op.Name}' second operand rescaled, q = -128..127");
            ctx.UseKernels("add");
            ctx.AddLayer(index, op, "mb_add_params_t", "mb_add_s8", new[]
            {
                shape, F("out_mult", p.OutputMultiplier.Multiplier), F("out_shift", p.OutputMultiplier.Shift),
                F("out_zp", p.OutputOffset), F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
                E("a_table", aTable), E("b_table", bTable),
            }, new[] { a.Id, b.Id });
            return;
        }

        var m = MulParams.Prepare(qa, qb, qy, act);
        ctx.UseKernels("mul");
        ctx.AddLayer(index, op, "mb_mul_params_t", "mb_mul_s8", new[]
        {
            shape, F("a_offset", m.Input1Offset), F("b_offset", m.Input2Offset),
            F("out_mult", m.OutputMultiplier.Multiplier), F("out_shift", m.OutputMultiplier.Shift),
            F("out_zp", m.OutputOffset), F("act_min", m.Clamp.Min), F("act_max", m.Clamp.Max),
        }, new[] { a.Id, b.Id });
    }

    /// <summary>Relu, Relu6, HardSigmoid, HardSwish, Sigmoid and int8 -> int8 Quantize as a lookup table.</summary>
    public static void Table(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Outputs[0]));
        var table = UnaryTable(op.Kind, Int8Bridge.Quant(x, op), Int8Bridge.Quant(y, op), op);
        var sym = Symbol(index, op);
        var name = ctx.AddArray(sym, "lut", "int8_t", table.Select(v => (long)v).ToList(), $"'{op.Name}' {op.Kind} of q = -128..127");
        ctx.UseKernels("lut");
        ctx.AddLayer(index, op, "mb_lut_params_t", "mb_lut_s8", new[] { F("size", y.ElementCount), E("table", name) }, new[] { x.Id });
    }

    /// <summary>The output of <paramref name="kind"/> for every int8 input, by the int8 spec's kernels.</summary>
    internal static sbyte[] UnaryTable(IrOpKind kind, QuantizationParams inQ, QuantizationParams outQ, IrOperator op)
    {
        var all = new sbyte[256];
        for (var i = 0; i < 256; i++)
        {
            all[i] = (sbyte)(i - 128);
        }

        var result = new sbyte[256];
        switch (kind)
        {
            case IrOpKind.Relu or IrOpKind.Relu6:
                // A standalone clamp: rescale to the output parameters, then clamp at the quantized 0 (and 6).
                Requantize.Eval(RequantizeParams.Prepare(inQ, outQ), all, result);
                var range = ActivationRange.For(kind == IrOpKind.Relu ? FusedActivation.Relu : FusedActivation.Relu6, outQ);
                for (var i = 0; i < 256; i++)
                {
                    result[i] = (sbyte)range.Clamp(result[i]);
                }

                break;
            case IrOpKind.Quantize:
                Requantize.Eval(RequantizeParams.Prepare(inQ, outQ), all, result);
                break;
            case IrOpKind.HardSwish:
                HardSwish.Eval(HardSwishParams.Prepare(inQ, outQ), all, result);
                break;
            case IrOpKind.HardSigmoid:
                RequireOutput(op, outQ, HardSigmoidParams.OutputQuantization);
                HardSigmoid.Eval(HardSigmoidParams.Prepare(inQ), all, result);
                break;
            case IrOpKind.Sigmoid:
                RequireOutput(op, outQ, LogisticParams.OutputQuantization);
                Logistic.Eval(LogisticParams.Prepare(inQ), all, result);
                break;
            case IrOpKind.LeakyRelu:
                LeakyRelu.Eval(LeakyReluParams.Prepare(inQ, outQ, op.AttributesAs<LeakyReluAttributes>().Alpha), all, result);
                break;
            case IrOpKind.Tanh:
                // TFLM's int8 tanh writes Q0.7 whatever the output tensor declares; the table does the same.
                Tanh.Eval(TanhParams.Prepare(inQ), all, result);
                break;
            default:
                throw Int8Bridge.Unsupported(op, "has no int8 lookup-table form");
        }

        return result;
    }

    public static void Softmax(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Outputs[0]));
        var depth = x.Shape[x.Shape.Count - 1];
        var p = SoftmaxParams.Prepare(depth, Int8Bridge.Quant(x, op), op.AttributesAs<SoftmaxAttributes>().Beta);
        RequireOutput(op, Int8Bridge.Quant(y, op), SoftmaxParams.OutputQuantization);
        var table = new long[256];
        for (var d = 0; d < 256 && -d >= p.DiffMin; d++)
        {
            // exp(-d) exactly as the reference's row pass computes it: MultiplyByQuantizedMultiplierGreaterThanOne
            // (wrapping left shift, rounding high multiply) into Q5.26, then gemmlowp's exp on negative values.
            var rescaled = FixedPoint.SaturatingRoundingDoublingHighMul(unchecked(-d * (1 << p.InputMultiplier.Shift)), p.InputMultiplier.Multiplier);
            table[d] = FixedPointFunctions.ExpOnNegativeValues(rescaled, SoftmaxParams.ScaledDiffIntegerBits);
        }

        var sym = Symbol(index, op);
        var name = ctx.AddArray(sym, "exp", "int32_t", table, $"'{op.Name}' exp(-d) in Q0.31 for d = max - x");
        ctx.UseKernels("softmax");
        ctx.AddLayer(index, op, "mb_softmax_params_t", "mb_softmax_s8", new[]
        {
            F("rows", x.ElementCount / depth), F("depth", depth), F("max_diff", Math.Min(255, -p.DiffMin)), E("exp_table", name),
        }, new[] { x.Id });
    }

    private static void RequireOutput(IrOperator op, QuantizationParams actual, QuantizationParams required)
    {
        if (!actual.Equals(required))
        {
            throw Int8Bridge.Unsupported(op, $"int8 output must be quantized with scale {required.Scale:R} and zero point {required.ZeroPoint}, got {actual.Scale:R}/{actual.ZeroPoint}");
        }
    }

    /// <summary>Output dims padded to 4 and operand strides with 0 on broadcast dimensions, as a C initializer.</summary>
    internal static string Broadcast(IrTensor a, IrTensor b, IrTensor y, IrOperator op)
    {
        if (y.Shape.Count > 4 || a.Shape.Count != y.Shape.Count || b.Shape.Count != y.Shape.Count)
        {
            throw Int8Bridge.Unsupported(op, "operands must have the output's rank (at most 4)");
        }

        var pad = 4 - y.Shape.Count;
        int[] Dims(IrTensor t) => Enumerable.Repeat(1, pad).Concat(t.Shape).ToArray();
        var dy = Dims(y);
        string Strides(IrTensor t)
        {
            var d = Dims(t);
            var s = new long[4];
            long stride = 1;
            for (var i = 3; i >= 0; i--)
            {
                s[i] = d[i] == 1 && dy[i] != 1 ? 0 : stride;
                stride *= d[i];
            }

            return "{ " + string.Join(", ", s.Select(v => CLiterals.Int(v))) + " }";
        }

        return "{ { " + string.Join(", ", dy.Select(v => CLiterals.Int(v))) + " }, " + Strides(a) + ", " + Strides(b) + " }";
    }
}
