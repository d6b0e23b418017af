namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Pad: copies the NHWC input into the middle of a larger H x W, filling the border with 0.</summary>
internal sealed class PadKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly Padding2D _padding;
    private readonly int _batch, _height, _width, _channels, _outHeight, _outWidth;

    public PadKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _padding = op.AttributesAs<PadAttributes>().Padding;
        _input = buffers.Get(op.Inputs[0]);
        var x = graph.Tensor(op.Inputs[0]).Shape;
        (_batch, _height, _width, _channels) = (x[0], x[1], x[2], x[3]);
        (_outHeight, _outWidth) = (Output.Shape[1], Output.Shape[2]);
    }

    public override void Run()
    {
        var y = OutputValues;
        Array.Clear(y, 0, y.Length);
        var rowLength = _width * _channels;
        for (var n = 0; n < _batch; n++)
        {
            for (var row = 0; row < _height; row++)
            {
                var source = ((n * _height) + row) * rowLength;
                var target = ((((n * _outHeight) + row + _padding.Top) * _outWidth) + _padding.Left) * _channels;
                Array.Copy(_input, source, y, target, rowLength);
            }
        }
    }
}
