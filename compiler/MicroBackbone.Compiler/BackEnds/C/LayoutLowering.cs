using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using static MicroBackbone.Compiler.BackEnds.C.CLowering;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>Operators that move or reduce values spatially: Shift, Pad, pools, global average pool, Reshape.</summary>
internal static class LayoutLowering
{
    public static void Shift(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Outputs[0]));
        var s = Int8Bridge.Shape(x, op);
        var offsets = op.AttributesAs<ShiftAttributes>().Offsets;
        // out[y, x] = in[y + dy, x + dx] (docs/MBIR.md, docs/INT8.md).
        var p = ShiftParams.Prepare(s, offsets.Select(o => o.Dy).ToList(), offsets.Select(o => o.Dx).ToList(), Int8Bridge.Quant(x, op));
        if (offsets.Any(o => Math.Abs((long)o.Dy) > short.MaxValue || Math.Abs((long)o.Dx) > short.MaxValue))
        {
            throw Int8Bridge.Unsupported(op, "shift offsets must fit in int16");
        }

        var sym = Symbol(index, op);
        var dy = ctx.AddArray(sym, "dy", "int16_t", p.OffsetY.Select(v => (long)v).ToList(), $"'{op.Name}' source row offset per channel");
        var dx = ctx.AddArray(sym, "dx", "int16_t", p.OffsetX.Select(v => (long)v).ToList(), $"'{op.Name}' source column offset per channel");
        ctx.UseKernels("shift");
        ctx.AddLayer(index, op, "mb_shift_params_t", "mb_shift_s8", new[]
        {
            F("batches", s.Batch), F("h", s.Height), F("w", s.Width), F("c", s.Channels), F("zp", p.Fill), E("dy", dy), E("dx", dx),
        }, new[] { x.Id });
    }

    public static void Pad(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Outputs[0]));
        var (inS, outS) = (Int8Bridge.Shape(x, op), Int8Bridge.Shape(y, op));
        var pad = op.AttributesAs<PadAttributes>().Padding;
        var q = Int8Bridge.Quant(x, op);
        var p = PadParams.Prepare(inS, new[] { 0, pad.Top, pad.Left, 0 }, new[] { 0, pad.Bottom, pad.Right, 0 }, q, Int8Bridge.Quant(y, op));
        ctx.UseKernels("pad");
        ctx.AddLayer(index, op, "mb_pad_params_t", "mb_pad_s8", new[]
        {
            F("batches", inS.Batch), F("in_h", inS.Height), F("in_w", inS.Width), F("c", inS.Channels),
            F("out_h", outS.Height), F("out_w", outS.Width), F("pad_top", pad.Top), F("pad_left", pad.Left), F("zp", p.Fill),
        }, new[] { x.Id });
    }

    public static void Pool(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Outputs[0]));
        var a = op.AttributesAs<Pool2DAttributes>();
        var inS = Int8Bridge.Shape(x, op);
        var window = Window2D.Of(a.FilterH, a.FilterW, a.StrideH, a.StrideW, 1, 1, a.Padding);
        var p = Pool2DParams.Prepare(inS, window, Int8Bridge.Quant(x, op), Int8Bridge.Quant(y, op), a.Activation);
        var average = op.Kind == IrOpKind.AveragePool2D;
        ctx.UseKernels("pool", average ? "avgpool" : "maxpool");
        ctx.AddLayer(index, op, "mb_pool_params_t", average ? "mb_avgpool_s8" : "mb_maxpool_s8", new[]
        {
            F("batches", inS.Batch), F("in_h", inS.Height), F("in_w", inS.Width), F("c", inS.Channels),
            F("out_h", p.Output.Height), F("out_w", p.Output.Width), F("k_h", a.FilterH), F("k_w", a.FilterW),
            F("stride_h", a.StrideH), F("stride_w", a.StrideW), F("pad_top", a.Padding.Top), F("pad_left", a.Padding.Left),
            F("act_min", p.Clamp.Min), F("act_max", p.Clamp.Max),
        }, new[] { x.Id });
    }

    public static void Mean(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Outputs[0]));
        var s = Int8Bridge.Shape(x, op);
        var p = MeanParams.Prepare(s, Int8Bridge.Quant(x, op), Int8Bridge.Quant(y, op));
        ctx.UseKernels("mean");
        ctx.AddLayer(index, op, "mb_mean_params_t", "mb_mean_s8", new[]
        {
            F("batches", s.Batch), F("hw", (long)s.Height * s.Width), F("c", s.Channels),
            F("in_zp", p.InputZeroPoint), F("out_zp", p.OutputZeroPoint), F("mult", p.Multiplier.Multiplier), F("shift", p.Multiplier.Shift),
        }, new[] { x.Id });
    }

    /// <summary>Reshape is free when the planner gave the output its input's buffer; otherwise the bytes are copied.</summary>
    public static void Reshape(CLowering ctx, int index, IrOperator op)
    {
        var (x, y) = (op.Inputs[0], op.Outputs[0]);
        if (ctx.Plan.OffsetOf(x) == ctx.Plan.OffsetOf(y))
        {
            return;
        }

        ctx.UseKernels("copy");
        ctx.AddLayer(index, op, "mb_copy_params_t", "mb_copy_s8", new[] { F("size", ctx.Graph.Tensor(y).ByteSize) }, new[] { x });
    }
}
