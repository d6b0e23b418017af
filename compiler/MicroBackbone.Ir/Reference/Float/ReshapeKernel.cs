namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Reshape: row-major order is unchanged, so the values are copied as they are.</summary>
internal sealed class ReshapeKernel : FloatKernel
{
    private readonly float[] _input;

    public ReshapeKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _input = buffers.Get(op.Inputs[0]);
    }

    public override void Run() => Array.Copy(_input, OutputValues, OutputValues.Length);
}
