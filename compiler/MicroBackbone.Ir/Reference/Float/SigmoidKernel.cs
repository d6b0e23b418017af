namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Sigmoid: 1 / (1 + e^-x), exp in double (netstandard2.0 has no MathF).</summary>
internal sealed class SigmoidKernel : FloatKernel
{
    private readonly float[] _input;

    public SigmoidKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
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
            y[i] = (float)(1.0 / (1.0 + Math.Exp(-x)));
        }
    }
}
