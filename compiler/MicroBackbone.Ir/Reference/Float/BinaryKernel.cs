namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// Sub, Maximum, Minimum and Prelu: one function of two broadcast operands per element (same-rank broadcasting of
/// size-1 dimensions), then Sub's fused activation.
/// </summary>
internal sealed class BinaryKernel : FloatKernel
{
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly int[] _aIndex;
    private readonly int[] _bIndex;
    private readonly IrOpKind _kind;
    private readonly FusedActivation _activation;

    public BinaryKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _kind = op.Kind;
        _activation = op.FusedActivation;
        _a = buffers.Get(op.Inputs[0]);
        _b = buffers.Get(op.Inputs[1]);
        _aIndex = BroadcastIndex.Build(graph.Tensor(op.Inputs[0]).Shape, Output.Shape);
        _bIndex = BroadcastIndex.Build(graph.Tensor(op.Inputs[1]).Shape, Output.Shape);
    }

    public override void Run()
    {
        var y = OutputValues;
        for (var i = 0; i < y.Length; i++)
        {
            var a = _a[_aIndex[i]];
            var b = _b[_bIndex[i]];
            y[i] = _kind switch
            {
                IrOpKind.Sub => FusedActivationMath.Apply(_activation, a - b),
                IrOpKind.Maximum => Math.Max(a, b),
                IrOpKind.Minimum => Math.Min(a, b),
                _ => a >= 0f ? a : a * b,
            };
        }
    }
}
