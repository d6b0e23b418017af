using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Tests.Graph;

namespace MicroBackbone.Ir.Tests.Passes;

public class DeadTensorEliminationTests
{
    [Fact]
    public void DropsBranchesThatDoNotReachOutputs()
    {
        var b = new IrGraphBuilder("dead");
        var x = b.Input("x", new[] { 1, 2, 2, 4 });
        var w = b.ConstantFloat("w", new[] { 4, 1, 1, 4 }, TestGraphs.Floats(16, 1));
        var unusedWeights = b.ConstantFloat("unused", new[] { 3 }, TestGraphs.Floats(3, 2));
        var live = b.Conv2D(x, w, null, new Conv2DAttributes(), "live");
        var dead1 = b.Unary(IrOpKind.Sigmoid, live, "dead1");
        var dead2 = b.Unary(IrOpKind.Relu, dead1, "dead2");
        var y = b.Unary(IrOpKind.Relu6, live, "out");
        var graph = b.Output(y).Build();

        var pruned = DeadTensorElimination.Run(graph);

        GraphValidator.Validate(pruned);
        Assert.Equal(new[] { "live", "out" }, pruned.Operators.Select(o => o.Name));
        var ids = pruned.Tensors.Select(t => t.Id).ToHashSet();
        Assert.DoesNotContain(dead1, ids);
        Assert.DoesNotContain(dead2, ids);
        Assert.DoesNotContain(unusedWeights, ids);
        Assert.Contains(w, ids);
        Assert.Equal(pruned, DeadTensorElimination.Run(pruned));
    }

    [Fact]
    public void KeepsGraphInputsEvenWhenUnused()
    {
        var b = new IrGraphBuilder("inputs");
        var x = b.Input("x", new[] { 1, 4 });
        var unused = b.Input("mask", new[] { 1, 4 });
        var y = b.Unary(IrOpKind.Relu, x);
        var pruned = DeadTensorElimination.Run(b.Output(y).Build());
        Assert.Contains(unused, pruned.Tensors.Select(t => t.Id));
        GraphValidator.Validate(pruned);
    }
}
