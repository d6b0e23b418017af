namespace MicroBackbone.Ir.Reference.Float;

/// <summary>FullyConnected: input flattened per batch (row-major, so NHWC order), weights [out, in], optional bias.</summary>
internal sealed class FullyConnectedKernel : FloatKernel
{
    private readonly float[] _x;
    private readonly float[] _w;
    private readonly float[]? _bias;
    private readonly FusedActivation _activation;
    private readonly int _batch, _in, _out;

    public FullyConnectedKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _activation = op.FusedActivation;
        _x = buffers.Get(op.Inputs[0]);
        _w = buffers.Get(op.Inputs[1]);
        _bias = op.Inputs.Count > 2 ? buffers.Get(op.Inputs[2]) : null;
        var w = graph.Tensor(op.Inputs[1]).Shape;
        (_out, _in) = (w[0], w[1]);
        _batch = graph.Tensor(op.Inputs[0]).Shape[0];
    }

    public override void Run()
    {
        var y = OutputValues;
        for (var n = 0; n < _batch; n++)
        {
            for (var o = 0; o < _out; o++)
            {
                var acc = _bias is null ? 0f : _bias[o];
                var xBase = n * _in;
                var wBase = o * _in;
                for (var f = 0; f < _in; f++)
                {
                    acc += _x[xBase + f] * _w[wBase + f];
                }

                y[(n * _out) + o] = FusedActivationMath.Apply(_activation, acc);
            }
        }
    }
}
