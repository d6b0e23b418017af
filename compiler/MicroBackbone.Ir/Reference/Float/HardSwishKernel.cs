namespace MicroBackbone.Ir.Reference.Float;

/// <summary>HardSwish: x * relu6(x + 3) / 6.</summary>
internal sealed class HardSwishKernel : FloatKernel
{
    private readonly float[] _input;

    public HardSwishKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
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
            y[i] = x * FusedActivationMath.HardSigmoid(x);
        }
    }
}
