using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8.Kernels;
using static MicroBackbone.Compiler.BackEnds.C.CLowering;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// ResizeNearestNeighbor and ResizeBilinear: the int8 spec's Prepare computes every output row's and column's
/// source coordinates, which become int32 tables; the kernels only address (and, bilinear, blend in integers).
/// </summary>
internal static class ResizeLowering
{
    public static void Lower(CLowering ctx, int index, IrOperator op)
    {
        var g = ctx.Graph;
        var (x, y) = (g.Tensor(op.Inputs[0]), g.Tensor(op.Outputs[0]));
        Int8Bridge.Quant(x, op);
        Int8Bridge.Quant(y, op);
        var a = op.AttributesAs<ResizeAttributes>();
        var s = Int8Bridge.Shape(x, op);
        var sym = Symbol(index, op);
        var dims = new[]
        {
            F("batches", s.Batch), F("in_h", s.Height), F("in_w", s.Width), F("depth", s.Channels), F("out_h", a.Height), F("out_w", a.Width),
        };
        ctx.UseKernels("resize");
        if (op.Kind == IrOpKind.ResizeNearestNeighbor)
        {
            var p = ResizeNearestNeighborParams.Prepare(s, a.Height, a.Width, a.AlignCorners, a.HalfPixelCenters);
            var rows = ctx.AddArray(sym, "rows", "int32_t", p.SourceRows.Select(v => (long)v).ToList(), $"'{op.Name}' input row of each output row");
            var cols = ctx.AddArray(sym, "cols", "int32_t", p.SourceColumns.Select(v => (long)v).ToList(), $"'{op.Name}' input column of each output column");
            ctx.AddLayer(index, op, "mb_resize_nearest_params_t", "mb_resize_nearest_s8", dims.Append(E("rows", rows)).Append(E("cols", cols)), new[] { x.Id });
            return;
        }

        var b = ResizeBilinearParams.Prepare(s, a.Height, a.Width, a.AlignCorners, a.HalfPixelCenters);
        static List<long> Triples(ResizeBilinearParams.Axis axis) =>
            Enumerable.Range(0, axis.Scaled.Count).SelectMany(i => new long[] { axis.Scaled[i], axis.Lower[i], axis.Upper[i] }).ToList();
        var r = ctx.AddArray(sym, "rows", "int32_t", Triples(b.Rows), $"'{op.Name}' per output row: position in 1/1024 pixel, lower and upper input row");
        var c = ctx.AddArray(sym, "cols", "int32_t", Triples(b.Columns), $"'{op.Name}' per output column: position in 1/1024 pixel, lower and upper input column");
        ctx.AddLayer(index, op, "mb_resize_bilinear_params_t", "mb_resize_bilinear_s8", dims.Append(E("rows", r)).Append(E("cols", c)), new[] { x.Id });
    }
}
