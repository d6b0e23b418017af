using MicroBackbone.Ir;

namespace MicroBackbone.Ir.Tests.Graph;

public class IrTensorDataTests
{
    [Fact]
    public void BuilderConstantsDecodeBackToTheirValues()
    {
        var b = new IrGraphBuilder("data");
        var i8 = b.ConstantInt8("a", new[] { 3 }, new sbyte[] { -128, 0, 127 }, TestGraphs.Q);
        var i32 = b.ConstantInt32("b", new[] { 2 }, new[] { int.MinValue, 0x01020304 });
        var f32 = b.ConstantFloat("c", new[] { 2 }, new[] { -1.5f, 3.25f });
        var g = b.BuildUnvalidated();

        Assert.Equal(new sbyte[] { -128, 0, 127 }, g.Tensor(i8).ReadInt8());
        Assert.Equal(new[] { int.MinValue, 0x01020304 }, g.Tensor(i32).ReadInt32());
        Assert.Equal(new byte[] { 4, 3, 2, 1 }, g.Tensor(i32).Data!.Value.ToArray().Skip(4));
        Assert.Equal(new[] { -1.5f, 3.25f }, g.Tensor(f32).ReadFloat32());
        Assert.Throws<InvalidOperationException>(() => g.Tensor(f32).ReadInt32());
    }
}
