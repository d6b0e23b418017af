namespace MicroBackbone.Ir;

/// <summary>The shape rule of <see cref="IrOpKind.TransposeConv2D"/> (TFLite's transpose_conv checks).</summary>
public static partial class ShapeInference
{
    private static EquatableArray<int> TransposeConv(Context c)
    {
        c.Operands(2, 3);
        var a = c.Attributes<TransposeConv2DAttributes>();
        var x = c.Rank(0, 4, "NHWC input");
        var w = c.Rank(1, 4, "OHWI weights");
        if (w[3] != x[3])
        {
            throw c.Fail($"weights {c.Inputs[1].Describe()} must be OHWI with I = {x[3]} input channels");
        }

        if (a.StrideH < 1 || a.StrideW < 1)
        {
            throw c.Fail($"strides ({a.StrideH}, {a.StrideW}) must be >= 1");
        }

        if (a.PadTop < 0 || a.PadLeft < 0)
        {
            throw c.Fail($"padding (top {a.PadTop}, left {a.PadLeft}) must be >= 0");
        }

        if (a.OutputHeight < 1 || a.OutputWidth < 1)
        {
            throw c.Fail($"output size {a.OutputHeight}x{a.OutputWidth} must be at least 1x1");
        }

        c.Bias(w[0]);
        return new EquatableArray<int>(new[] { x[0], a.OutputHeight, a.OutputWidth, w[0] });
    }
}
