namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// Svdf, one streaming step (TFLite Micro's float SVDF): the state [N, F × M] moves one step towards the start, each
/// filter's feature dot product becomes its newest entry, then each unit outputs bias plus the sum over its rank
/// filters of time weights · state, with the fused activation. The state buffer persists between runs.
/// </summary>
internal sealed class SvdfKernel : FloatKernel
{
    private readonly float[] _x, _feature, _time, _state, _scratch;
    private readonly float[]? _bias;
    private readonly FusedActivation _activation;
    private readonly int _batch, _in, _filters, _memory, _rank;

    public SvdfKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _activation = op.FusedActivation;
        _rank = op.AttributesAs<SvdfAttributes>().Rank;
        _x = buffers.Get(op.Inputs[0]);
        _feature = buffers.Get(op.Inputs[1]);
        _time = buffers.Get(op.Inputs[2]);
        _state = buffers.Get(op.Inputs[3]);
        _bias = op.Inputs.Count > 4 ? buffers.Get(op.Inputs[4]) : null;
        var x = graph.Tensor(op.Inputs[0]).Shape;
        (_batch, _in) = (x[0], x[1]);
        _filters = graph.Tensor(op.Inputs[1]).Shape[0];
        _memory = graph.Tensor(op.Inputs[2]).Shape[1];
        _scratch = new float[_filters];
    }

    public override void Run()
    {
        Array.Copy(_state, 1, _state, 0, _state.Length - 1);
        var units = _filters / _rank;
        for (var n = 0; n < _batch; n++)
        {
            var stateBase = n * _filters * _memory;
            for (var f = 0; f < _filters; f++)
            {
                var dot = 0f;
                for (var i = 0; i < _in; i++)
                {
                    dot += _feature[(f * _in) + i] * _x[(n * _in) + i];
                }

                _state[stateBase + (f * _memory) + _memory - 1] = dot;
            }

            for (var f = 0; f < _filters; f++)
            {
                var acc = 0f;
                for (var j = 0; j < _memory; j++)
                {
                    acc += _time[(f * _memory) + j] * _state[stateBase + (f * _memory) + j];
                }

                _scratch[f] = acc;
            }

            for (var u = 0; u < units; u++)
            {
                var acc = _bias is null ? 0f : _bias[u];
                for (var k = 0; k < _rank; k++)
                {
                    acc += _scratch[(u * _rank) + k];
                }

                OutputValues[(n * units) + u] = FusedActivationMath.Apply(_activation, acc);
            }
        }
    }
}
