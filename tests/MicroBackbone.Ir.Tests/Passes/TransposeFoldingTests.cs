using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Passes;

/// <summary>
/// <see cref="TransposeFolding"/>: which transposes go, which stay, and that the folded graph computes the same bytes
/// as the original under the int8 interpreter (the interface keeps its declared layouts).
/// </summary>
public class TransposeFoldingTests
{
    private static readonly QuantParams Q = QuantParams.PerTensor(0.05f, -7);

    [Fact]
    public void Transpose_that_only_moves_size_1_axes_becomes_a_reshape()
    {
        var b = new IrGraphBuilder("one_channel");
        var x = b.Input("nchw", new[] { 1, 1, 5, 7 }, IrDataType.Int8, Q);
        var t = Transpose(b, x, 0, 2, 3, 1);
        var r = b.Unary(IrOpKind.Relu, t, "relu");
        var folded = AssertSameBytes(b.Output(r).Build());
        Assert.Equal(new[] { IrOpKind.Reshape, IrOpKind.Relu }, folded.Operators.Select(o => o.Kind));
    }

    [Fact]
    public void Inverse_pair_becomes_one_reshape_and_a_chain_one_transpose()
    {
        var b = new IrGraphBuilder("pairs");
        var x = b.Input("x", new[] { 1, 3, 5, 7 }, IrDataType.Int8, Q);
        var t1 = Transpose(b, x, 0, 2, 3, 1);
        var t2 = Transpose(b, t1, 0, 3, 1, 2);
        var relu = b.Unary(IrOpKind.Relu, t2, "relu");
        var t3 = Transpose(b, relu, 0, 2, 3, 1);
        var t4 = Transpose(b, t3, 0, 2, 1, 3);
        var folded = AssertSameBytes(b.Output(t4).Build());
        Assert.Equal(new[] { IrOpKind.Reshape, IrOpKind.Relu, IrOpKind.Transpose }, folded.Operators.Select(o => o.Kind));
        Assert.Equal(new[] { 0, 3, 2, 1 }, folded.Operators[2].AttributesAs<TransposeAttributes>().Permutation.ToArray());
    }

    [Fact]
    public void Transpose_whose_result_is_also_read_elsewhere_stays()
    {
        var b = new IrGraphBuilder("shared");
        var x = b.Input("x", new[] { 1, 3, 5, 2 }, IrDataType.Int8, Q);
        var t1 = Transpose(b, x, 0, 3, 1, 2);
        var t2 = Transpose(b, t1, 0, 2, 3, 1);
        var sum = b.Add(t2, x, opName: "sum", outputQuant: Q);
        var back = Transpose(b, sum, 0, 3, 1, 2);
        var both = b.Op(IrOpKind.Concatenation, new[] { back, t1 }, new ConcatenationAttributes(1), "both");
        var folded = AssertSameBytes(b.Output(both).Build());
        Assert.Equal(3, folded.Operators.Count(o => o.Kind == IrOpKind.Transpose));
    }

    private static int Transpose(IrGraphBuilder b, int x, params int[] perm) =>
        b.Op(IrOpKind.Transpose, new[] { x }, new TransposeAttributes(new EquatableArray<int>(perm)));

    private static IrGraph AssertSameBytes(IrGraph graph)
    {
        var folded = TransposeFolding.Run(graph);
        GraphValidator.Validate(folded);
        Assert.Equal(graph.Tensor(graph.Inputs[0]).Shape, folded.Tensor(folded.Inputs[0]).Shape);
        Assert.Equal(graph.Tensor(graph.Outputs[0]).Shape, folded.Tensor(folded.Outputs[0]).Shape);
        var rng = new Random(7);
        for (var n = 0; n < 4; n++)
        {
            var input = new sbyte[graph.Tensor(graph.Inputs[0]).ElementCount];
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (sbyte)rng.Next(-128, 128);
            }

            Assert.Equal(new Int8Interpreter(graph).Run(input), new Int8Interpreter(folded).Run(input));
        }

        return folded;
    }
}
