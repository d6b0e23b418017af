using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Tests.Graph;

namespace MicroBackbone.Ir.Tests.Passes;

public class ConstantReshapeFoldingTests
{
    [Fact]
    public void ReshapedWeightsBecomeAConstant()
    {
        var b = new IrGraphBuilder("fold");
        var x = b.Input("x", new[] { 1, 4 });
        var values = TestGraphs.Floats(8, 3);
        var flat = b.ConstantFloat("w_flat", new[] { 8 }, values);
        var w = b.Reshape(flat, new[] { 2, 4 }, "w");
        var y = b.FullyConnected(x, w, null, opName: "fc");
        var unfolded = b.Output(y).BuildUnvalidated();
        Assert.Throws<IrValidationException>(() => GraphValidator.Validate(unfolded));

        var folded = ConstantReshapeFolding.Run(unfolded);

        GraphValidator.Validate(folded);
        Assert.Single(folded.Operators);
        Assert.Equal(EquatableArray.Of(2, 4), folded.Tensor(w).Shape);
        Assert.Equal(unfolded.Tensor(flat).Data, folded.Tensor(w).Data);
        Assert.False(folded.TryGetTensor(flat, out _));
    }
}
