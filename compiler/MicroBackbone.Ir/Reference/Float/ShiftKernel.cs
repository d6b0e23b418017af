namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Shift: out[n, y, x, c] = in[n, y + dy_c, x + dx_c, c], 0 where that cell is outside the input.</summary>
internal sealed class ShiftKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly int[] _dy;
    private readonly int[] _dx;
    private readonly int _batch, _height, _width, _channels;

    public ShiftKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        var offsets = op.AttributesAs<ShiftAttributes>().Offsets;
        _dy = offsets.Select(o => o.Dy).ToArray();
        _dx = offsets.Select(o => o.Dx).ToArray();
        _input = buffers.Get(op.Inputs[0]);
        var x = graph.Tensor(op.Inputs[0]).Shape;
        (_batch, _height, _width, _channels) = (x[0], x[1], x[2], x[3]);
    }

    public override void Run()
    {
        var y = OutputValues;
        var i = 0;
        for (var n = 0; n < _batch; n++)
        {
            for (var row = 0; row < _height; row++)
            {
                for (var col = 0; col < _width; col++)
                {
                    for (var c = 0; c < _channels; c++)
                    {
                        var sy = row + _dy[c];
                        var sx = col + _dx[c];
                        y[i++] = sy < 0 || sy >= _height || sx < 0 || sx >= _width
                            ? 0f
                            : _input[((((n * _height) + sy) * _width) + sx) * _channels + c];
                    }
                }
            }
        }
    }
}
