namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// ResizeNearestNeighbor and ResizeBilinear on NHWC float tensors, with TFLite's float reference coordinates
/// (reference/resize_nearest_neighbor.h GetNearestNeighbor, reference/resize_bilinear.h ResizeBilinear).
/// </summary>
internal sealed class ResizeKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly EquatableArray<int> _in;
    private readonly ResizeAttributes _a;
    private readonly bool _bilinear;

    public ResizeKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _input = buffers.Get(op.Inputs[0]);
        _in = graph.Tensor(op.Inputs[0]).Shape;
        _a = op.AttributesAs<ResizeAttributes>();
        _bilinear = op.Kind == IrOpKind.ResizeBilinear;
    }

    public override void Run()
    {
        int n = _in[0], ih = _in[1], iw = _in[2], c = _in[3], oh = _a.Height, ow = _a.Width;
        var y = OutputValues;
        var o = 0;
        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    for (var ch = 0; ch < c; ch++)
                    {
                        y[o++] = _bilinear ? Bilinear(b, oy, ox, ch) : Nearest(b, oy, ox, ch);
                    }
                }
            }
        }

        float Nearest(int b, int oy, int ox, int ch)
        {
            var sy = Int8.Kernels.ResizeNearestNeighborParams.Source(oy, ih, oh, _a.AlignCorners, _a.HalfPixelCenters);
            var sx = Int8.Kernels.ResizeNearestNeighborParams.Source(ox, iw, ow, _a.AlignCorners, _a.HalfPixelCenters);
            return _input[(((b * ih) + sy) * iw + sx) * c + ch];
        }

        float Bilinear(int b, int oy, int ox, int ch)
        {
            var (fy, y0, y1) = Coordinate(oy, ih, oh);
            var (fx, x0, x1) = Coordinate(ox, iw, ow);
            float At(int yy, int xx) => _input[(((b * ih) + yy) * iw + xx) * c + ch];
            return (At(y0, x0) * (1 - (fy - y0)) * (1 - (fx - x0))) + (At(y1, x0) * (fy - y0) * (1 - (fx - x0)))
                + (At(y0, x1) * (1 - (fy - y0)) * (fx - x0)) + (At(y1, x1) * (fy - y0) * (fx - x0));
        }
    }

    private (float Scaled, int Lower, int Upper) Coordinate(int value, int inSize, int outSize)
    {
        var scale = _a.AlignCorners && outSize > 1 ? (inSize - 1) / (float)(outSize - 1) : inSize / (float)outSize;
        var scaled = _a.HalfPixelCenters ? ((value + 0.5f) * scale) - 0.5f : value * scale;
        var lower = Math.Max((int)Math.Floor(scaled), 0);
        var upper = Math.Min((int)Math.Ceiling(scaled), inSize - 1);
        return (scaled, lower, upper);
    }
}
