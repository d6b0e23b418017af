using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// Shift (out[y, x, c] = in[y + dy_c, x + dx_c, c], zero outside) in standard ONNX ops: one Pad of the whole input
/// by the largest offset on each side, then per run of consecutive channels sharing an offset one Slice of that
/// channel range at window origin (top + dy, left + dx), then Concat along channels. Pad writes exact zeros and
/// Slice/Concat only move values, so the result is bit-identical to the IR's definition.
/// </summary>
internal static class OnnxShiftLowering
{
    /// <summary>
    /// Lowers <paramref name="op"/>; <paramref name="fill"/> names the scalar Pad writes outside the image (a quantized
    /// value's zero point, which is real 0), or null for the exact float 0 of a float graph.
    /// </summary>
    public static void Shift(OnnxGraphEmitter e, IrOperator op, string? fill = null)
    {
        var offsets = op.AttributesAs<ShiftAttributes>().Offsets.ToArray();
        var shape = e.Source.Tensor(op.Inputs[0]).Shape;
        var (height, width) = (shape[1], shape[2]);
        var x = e.Operand(op.Inputs[0]);
        if (offsets.All(o => o.Dy == 0 && o.Dx == 0))
        {
            e.Node("Identity", op.Name, new[] { x }, e.Produce(op.Outputs[0]));
            return;
        }

        var top = Math.Max(0, -offsets.Min(o => o.Dy));
        var bottom = Math.Max(0, offsets.Max(o => o.Dy));
        var left = Math.Max(0, -offsets.Min(o => o.Dx));
        var right = Math.Max(0, offsets.Max(o => o.Dx));
        var output = e.Produce(op.Outputs[0]);
        var padded = e.Temporary(output + "_padded");
        var pads = e.Int64Initializer(output + "_pads", 0, 0, top, left, 0, 0, bottom, right);
        e.Node("Pad", op.Name + "_pad", fill == null ? new[] { x, pads } : new[] { x, pads, fill }, padded);

        var runs = Runs(offsets);
        var axes = e.Int64Initializer(output + "_axes", 1, 2, 3);
        var parts = new List<string>();
        foreach (var (first, end) in runs)
        {
            var o = offsets[first];
            // Padded row r holds input row r - top, so output row y (input row y + dy) sits at y + dy + top.
            var y0 = o.Dy + top;
            var x0 = o.Dx + left;
            var part = runs.Count == 1 ? output : e.Temporary($"{output}_c{first}");
            var starts = e.Int64Initializer($"{output}_c{first}_starts", first, y0, x0);
            var ends = e.Int64Initializer($"{output}_c{first}_ends", end, y0 + height, x0 + width);
            e.Node("Slice", $"{op.Name}_c{first}", new[] { padded, starts, ends, axes }, part);
            parts.Add(part);
        }

        if (runs.Count > 1)
        {
            e.Node("Concat", op.Name + "_concat", parts, output, OnnxAttribute.Int("axis", 1));
        }
    }

    /// <summary>Maximal ranges [first, end) of consecutive channels with the same offset, in channel order.</summary>
    private static List<(int First, int End)> Runs(ShiftOffset[] offsets)
    {
        var runs = new List<(int, int)>();
        var first = 0;
        for (var c = 1; c <= offsets.Length; c++)
        {
            if (c == offsets.Length || offsets[c] != offsets[first])
            {
                runs.Add((first, c));
                first = c;
            }
        }

        return runs;
    }
}
