namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Add: a + b with same-rank broadcasting of size-1 dimensions and a fused activation.</summary>
internal sealed class AddKernel : FloatKernel
{
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly int[] _aIndex;
    private readonly int[] _bIndex;
    private readonly FusedActivation _activation;

    public AddKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
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
            y[i] = FusedActivationMath.Apply(_activation, _a[_aIndex[i]] + _b[_bIndex[i]]);
        }
    }
}
