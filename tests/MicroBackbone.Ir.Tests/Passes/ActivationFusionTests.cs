using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Tests.Graph;

namespace MicroBackbone.Ir.Tests.Passes;

public class ActivationFusionTests
{
    [Fact]
    public void FusesReluIntoConvAndRelu6IntoAdd()
    {
        var b = new IrGraphBuilder("fuse");
        var x = b.Input("x", new[] { 1, 2, 2, 4 });
        var w = b.ConstantFloat("w", new[] { 4, 1, 1, 4 }, TestGraphs.Floats(16, 1));
        var c = b.Conv2D(x, w, null, new Conv2DAttributes(), "conv");
        var r = b.Unary(IrOpKind.Relu, c, "relu");
        var a = b.Add(r, x, opName: "add");
        var r6 = b.Unary(IrOpKind.Relu6, a, "relu6");
        var graph = b.Output(r6).Build();

        var fused = ActivationFusion.Run(graph);

        GraphValidator.Validate(fused);
        Assert.Equal(new[] { IrOpKind.Conv2D, IrOpKind.Add }, fused.Operators.Select(o => o.Kind));
        Assert.Equal(FusedActivation.Relu, fused.Operators[0].FusedActivation);
        Assert.Equal(r, fused.Operators[0].Outputs[0]);
        Assert.Equal(FusedActivation.Relu6, fused.Operators[1].FusedActivation);
        Assert.Equal(r6, fused.Operators[1].Outputs[0]);
        Assert.False(fused.TryGetTensor(c, out _));
        Assert.False(fused.TryGetTensor(a, out _));
    }

    [Fact]
    public void LeavesActivationsWhoseInputHasOtherReadersOrIsNotFusible()
    {
        var b = new IrGraphBuilder("keep");
        var x = b.Input("x", new[] { 1, 2, 2, 4 });
        var w = b.ConstantFloat("w", new[] { 4, 1, 1, 4 }, TestGraphs.Floats(16, 1));
        var c = b.Conv2D(x, w, null, new Conv2DAttributes(), "conv");
        var r = b.Unary(IrOpKind.Relu, c, "relu");
        var skip = b.Add(r, c, opName: "uses_conv_too");
        var pool = b.Unary(IrOpKind.GlobalAveragePool, skip, "gap");
        var r2 = b.Unary(IrOpKind.Relu, pool, "relu_after_pool");
        var graph = b.Output(r2).Build();

        Assert.Equal(graph, ActivationFusion.Run(graph));
    }

    [Fact]
    public void DoesNotFuseIntoAlreadyActivatedProducerOrPastAGraphOutput()
    {
        var b = new IrGraphBuilder("keep2");
        var x = b.Input("x", new[] { 1, 4 });
        var w = b.ConstantFloat("w", new[] { 4, 4 }, TestGraphs.Floats(16, 1));
        var fc = b.FullyConnected(x, w, null, FusedActivation.Relu6, "fc");
        var r = b.Unary(IrOpKind.Relu, fc, "relu");
        var fc2 = b.FullyConnected(r, w, null, opName: "fc2");
        var r2 = b.Unary(IrOpKind.Relu, fc2, "relu2");
        var graph = b.Output(r2).Output(fc2).Build();

        Assert.Equal(graph, ActivationFusion.Run(graph));
    }
}
