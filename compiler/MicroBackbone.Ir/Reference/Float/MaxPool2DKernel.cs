namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// MaxPool2D: maximum of the window cells inside the input (padded cells are ignored), fused activation.
/// A window lying wholly in the padding gives 0 (the fill value).
/// </summary>
internal sealed class MaxPool2DKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly Pool2DAttributes _attributes;
    private readonly int _batch, _height, _width, _channels, _outHeight, _outWidth;

    public MaxPool2DKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _attributes = op.AttributesAs<Pool2DAttributes>();
        _input = buffers.Get(op.Inputs[0]);
        var x = graph.Tensor(op.Inputs[0]).Shape;
        (_batch, _height, _width, _channels) = (x[0], x[1], x[2], x[3]);
        (_outHeight, _outWidth) = (Output.Shape[1], Output.Shape[2]);
    }

    public override void Run()
    {
        var a = _attributes;
        var y = OutputValues;
        var i = 0;
        for (var n = 0; n < _batch; n++)
        {
            for (var oy = 0; oy < _outHeight; oy++)
            {
                for (var ox = 0; ox < _outWidth; ox++)
                {
                    for (var c = 0; c < _channels; c++)
                    {
                        var max = float.NegativeInfinity;
                        var count = 0;
                        for (var ky = 0; ky < a.FilterH; ky++)
                        {
                            var iy = (oy * a.StrideH) - a.Padding.Top + ky;
                            if (iy < 0 || iy >= _height)
                            {
                                continue;
                            }

                            for (var kx = 0; kx < a.FilterW; kx++)
                            {
                                var ix = (ox * a.StrideW) - a.Padding.Left + kx;
                                if (ix < 0 || ix >= _width)
                                {
                                    continue;
                                }

                                var v = _input[(((((n * _height) + iy) * _width) + ix) * _channels) + c];
                                max = v > max ? v : max;
                                count++;
                            }
                        }

                        y[i++] = FusedActivationMath.Apply(a.Activation, count == 0 ? 0f : max);
                    }
                }
            }
        }
    }
}
