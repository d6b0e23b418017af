namespace MicroBackbone.Ir.Reference.Float;

/// <summary>LeakyRelu: x for x &gt; 0, alpha * x otherwise (TFLite's reference: alpha may be negative or above 1).</summary>
internal sealed class LeakyReluKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly float _alpha;

    public LeakyReluKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _input = buffers.Get(op.Inputs[0]);
        _alpha = op.AttributesAs<LeakyReluAttributes>().Alpha;
    }

    public override void Run()
    {
        var y = OutputValues;
        for (var i = 0; i < y.Length; i++)
        {
            var x = _input[i];
            y[i] = x > 0f ? x : x * _alpha;
        }
    }
}
