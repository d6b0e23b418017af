namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Relu: max(x, 0).</summary>
internal sealed class ReluKernel : FloatKernel
{
    private readonly float[] _input;

    public ReluKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _input = buffers.Get(op.Inputs[0]);
    }

    public override void Run()
    {
        var y = OutputValues;
        for (var i = 0; i < y.Length; i++)
        {
            var x = _input[i];
            y[i] = FusedActivationMath.Relu(x);
        }
    }
}
