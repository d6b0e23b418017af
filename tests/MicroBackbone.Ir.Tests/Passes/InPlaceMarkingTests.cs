using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Tests.Graph;

namespace MicroBackbone.Ir.Tests.Passes;

public class InPlaceMarkingTests
{
    [Fact]
    public void MarksElementwiseOpsWhoseInputDiesThere()
    {
        var graph = InPlaceMarking.Run(TestGraphs.QuantCnn());
        GraphValidator.Validate(graph);
        var marks = graph.Operators.ToDictionary(o => o.Name, o => o.InPlaceInput);

        Assert.Equal(graph.Operators[0].Outputs[0], marks["relu6"]);
        // Shift's input dies there too: the C kernel moves each channel away from the cells it reads.
        Assert.Equal(graph.Operators[1].Outputs[0], marks["shift"]);
        // The residual's first input is the graph input (kept intact); its second dies here.
        Assert.Equal(graph.Operators[2].Outputs[0], marks["residual"]);
        // se_scale reads the residual (same shape, last reader) and the broadcast gate (smaller): reuses the residual.
        Assert.Equal(graph.Operators[3].Outputs[0], marks["se_scale"]);
        Assert.Equal(graph.Operators[7].Outputs[0], marks["flatten"]);
        Assert.Null(marks["pw"]);
        Assert.Null(marks["se_pool"]);
        Assert.Null(marks["softmax"]);
        Assert.Null(marks["dequant"]);
    }

    [Fact]
    public void DoesNotMarkWhenTheInputIsReadLater()
    {
        var b = new IrGraphBuilder("later");
        var x = b.Input("x", new[] { 1, 4 });
        var s = b.Unary(IrOpKind.Sigmoid, x, "sig");
        var r = b.Unary(IrOpKind.Relu, s, "relu");
        var m = b.Mul(r, s, opName: "mul");
        var graph = InPlaceMarking.Run(b.Output(m).Build());
        Assert.Null(graph.Operators[1].InPlaceInput);
        Assert.Equal(r, graph.Operators[2].InPlaceInput);
    }
}
