namespace MicroBackbone.Ir.Reference.Float;

/// <summary>HardSigmoid: relu6(x + 3) / 6 (MobileNetV3; equals ONNX HardSigmoid with alpha 1/6, beta 0.5).</summary>
internal sealed class HardSigmoidKernel : FloatKernel
{
    private readonly float[] _input;

    public HardSigmoidKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
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
            y[i] = FusedActivationMath.HardSigmoid(x);
        }
    }
}
