namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// Softmax over the last dimension: exp(beta * x) / sum. The row maximum of beta * x is subtracted first so exp never
/// overflows (the result is mathematically the same).
/// </summary>
internal sealed class SoftmaxKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly float _beta;
    private readonly int _rows, _length;

    public SoftmaxKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _beta = op.AttributesAs<SoftmaxAttributes>().Beta;
        _input = buffers.Get(op.Inputs[0]);
        var shape = graph.Tensor(op.Inputs[0]).Shape;
        _length = shape[shape.Count - 1];
        _rows = (int)(TensorShape.ElementCount(shape) / _length);
    }

    public override void Run()
    {
        var y = OutputValues;
        for (var r = 0; r < _rows; r++)
        {
            var start = r * _length;
            var max = float.NegativeInfinity;
            for (var i = start; i < start + _length; i++)
            {
                var z = _beta * _input[i];
                max = z > max ? z : max;
            }

            var sum = 0.0;
            for (var i = start; i < start + _length; i++)
            {
                var e = Math.Exp((_beta * _input[i]) - max);
                y[i] = (float)e;
                sum += e;
            }

            for (var i = start; i < start + _length; i++)
            {
                y[i] = (float)(y[i] / sum);
            }
        }
    }
}
