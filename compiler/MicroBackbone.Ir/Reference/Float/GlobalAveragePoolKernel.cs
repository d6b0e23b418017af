namespace MicroBackbone.Ir.Reference.Float;

/// <summary>GlobalAveragePool: mean over H and W per batch and channel, [N, H, W, C] to [N, 1, 1, C].</summary>
internal sealed class GlobalAveragePoolKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly int _batch, _cells, _channels;

    public GlobalAveragePoolKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _input = buffers.Get(op.Inputs[0]);
        var x = graph.Tensor(op.Inputs[0]).Shape;
        (_batch, _cells, _channels) = (x[0], x[1] * x[2], x[3]);
    }

    public override void Run()
    {
        var y = OutputValues;
        for (var n = 0; n < _batch; n++)
        {
            for (var c = 0; c < _channels; c++)
            {
                var sum = 0f;
                var index = (n * _cells * _channels) + c;
                for (var p = 0; p < _cells; p++, index += _channels)
                {
                    sum += _input[index];
                }

                y[(n * _channels) + c] = sum / _cells;
            }
        }
    }
}
