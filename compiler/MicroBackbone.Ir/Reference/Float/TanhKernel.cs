namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Tanh.</summary>
internal sealed class TanhKernel : FloatKernel
{
    private readonly float[] _input;

    public TanhKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _input = buffers.Get(op.Inputs[0]);
    }

    public override void Run()
    {
        var y = OutputValues;
        for (var i = 0; i < y.Length; i++)
        {
            y[i] = (float)Math.Tanh(_input[i]);
        }
    }
}
