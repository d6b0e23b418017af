namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Relu6: min(max(x, 0), 6).</summary>
internal sealed class Relu6Kernel : FloatKernel
{
    private readonly float[] _input;

    public Relu6Kernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
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
            y[i] = FusedActivationMath.Relu6(x);
        }
    }
}
