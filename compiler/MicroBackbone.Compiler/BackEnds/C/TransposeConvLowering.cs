using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8.Kernels;
using static MicroBackbone.Compiler.BackEnds.C.CLowering;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// TransposeConv2D: multipliers and clamp from the int8 spec's Prepare; weights OHWI as stored, the bias (zeros
/// when the operator has none) and the multipliers and shifts as arrays. The kernel gathers per output pixel, so
/// it needs no scratch memory (TFLite Micro's output-sized int32 buffer is not needed; see transpose_conv.h).
/// </summary>
internal static class TransposeConvLowering
{
    public static void Lower(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, w, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Inputs[1]), g.Tensor(op.Outputs[0]));
        var a = op.AttributesAs<TransposeConv2DAttributes>();
        var inS = Int8Bridge.Shape(x, op);
        var outS = Int8Bridge.Shape(y, op);
        var (kh, kw) = (w.Shape[1], w.Shape[2]);
        var p = TransposeConv2DParams.Prepare(inS, outS, kh, kw, a.StrideH, a.StrideW, a.PadTop, a.PadLeft,
            Int8Bridge.Quant(x, op), Int8Bridge.WeightScales(w, op), Int8Bridge.Quant(y, op), a.Activation);
        var bias = new long[outS.Channels];
        if (op.Inputs.Count > 2)
        {
            var b = g.Tensor(op.Inputs[2]);
            if (b.DataType != IrDataType.Int32 || !b.IsConstant)
            {
                throw Int8Bridge.Unsupported(op, $"bias {b.Describe()} must be an int32 constant");
            }

            bias = b.ReadInt32().Select(v => (long)v).ToArray();
        }

        var sym = Symbol(index, op);
        var name = CIdentifiers.Comment(op.Name);
        ctx.UseKernels("transpose_conv");
        ctx.AddLayer(index, op, "mb_transpose_conv_params_t", "mb_transpose_conv_s8", new[]
        {
            F("batches", inS.Batch), F("in_h", inS.Height), F("in_w", inS.Width), F("in_c", inS.Channels),
            F("out_h", outS.Height), F("out_w", outS.Width), F("out_c", outS.Channels),
            F("k_h", kh), F("k_w", kw), F("stride_h", a.StrideH), F("stride_w", a.StrideW),
            F("pad_top", a.PadTop), F("pad_left", a.PadLeft),
            F("in_offset", p.InputOffset), F("out_zp", p.OutputOffset), F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
            E("weights", ctx.AddArray(sym, "w", "int8_t", w.ReadInt8().Select(v => (long)v).ToList(), $"'{name}' weights (OHWI)")),
            E("bias", ctx.AddArray(sym, "bias", "int32_t", bias, $"'{name}' bias")),
            E("mult", ctx.AddArray(sym, "mult", "int32_t", p.Multipliers.Select(m => (long)m.Multiplier).ToList(), $"'{name}' requantization multipliers (Q0.31)")),
            E("shift", ctx.AddArray(sym, "shift", "int8_t", p.Multipliers.Select(m => (long)m.Shift).ToList(), $"'{name}' requantization shifts")),
        }, new[] { x.Id });
    }
}
