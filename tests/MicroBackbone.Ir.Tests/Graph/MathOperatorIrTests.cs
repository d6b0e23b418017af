using MicroBackbone.Ir.Format;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Graph;

/// <summary>Sub, Maximum, Minimum, Prelu, LeakyRelu, Tanh and the resizes in the IR: shapes, validation, .mbir, float kernels.</summary>
public class MathOperatorIrTests
{
    private static QuantParams Q(float scale, int zeroPoint) => QuantParams.PerTensor(scale, zeroPoint);

    private static IrGraph Int8Graph()
    {
        var b = new IrGraphBuilder("math");
        var q = Q(0.05f, -3);
        var x = b.Input("x", new[] { 1, 3, 5, 2 }, IrDataType.Int8, q);
        var c = b.ConstantInt8("c", new[] { 1, 1, 1, 2 }, new sbyte[] { 4, -9 }, q);
        var s = b.Sub(c, x, FusedActivation.Relu6, "sub", Q(0.06f, -128));
        var mx = b.Op(IrOpKind.Maximum, new[] { x, c }, opName: "max");
        var mn = b.Op(IrOpKind.Minimum, new[] { mx, x }, opName: "min");
        var p = b.Op(IrOpKind.Prelu, new[] { mn, c }, opName: "prelu", outputQuant: Q(0.05f, 0));
        var l = b.Op(IrOpKind.LeakyRelu, new[] { p }, new LeakyReluAttributes(0.125f), "leaky", Q(0.04f, 1));
        var t = b.Op(IrOpKind.Tanh, new[] { l }, opName: "tanh", outputQuant: Q(1f / 128, 0));
        var n = b.Op(IrOpKind.ResizeNearestNeighbor, new[] { t }, new ResizeAttributes(6, 7, AlignCorners: true), "nn");
        var r = b.Op(IrOpKind.ResizeBilinear, new[] { n }, new ResizeAttributes(4, 3, HalfPixelCenters: true), "bilinear");
        var sum = b.Sub(r, b.Op(IrOpKind.ResizeNearestNeighbor, new[] { s }, new ResizeAttributes(4, 3), "nn2"), opName: "out", outputQuant: Q(0.02f, 0));
        return b.Output(sum).Build();
    }

    [Fact]
    public void Shapes_follow_broadcasting_and_the_resize_size()
    {
        var g = Int8Graph();
        Assert.Equal(EquatableArray.Of(1, 3, 5, 2), g.Operators.Single(o => o.Name == "sub").Outputs.Select(g.Tensor).Single().Shape);
        Assert.Equal(EquatableArray.Of(1, 6, 7, 2), g.Tensor(g.Operators.Single(o => o.Name == "nn").Outputs[0]).Shape);
        Assert.Equal(EquatableArray.Of(1, 4, 3, 2), g.Tensor(g.Outputs[0]).Shape);
        GraphValidator.Validate(g);
    }

    [Fact]
    public void Mbir_round_trips_the_new_attributes()
    {
        var g = Int8Graph();
        var text = MbirWriter.Write(g);
        Assert.Contains("\"alpha\": 0.125", text);
        Assert.Contains("\"align_corners\": true", text);
        Assert.Contains("\"half_pixel_centers\": true", text);
        var read = MbirReader.Read(text, "math.mbir");
        Assert.Equal(g, read);
        Assert.Equal(text, MbirWriter.Write(read));
    }

    [Fact]
    public void Int8_interpreter_runs_every_new_operator()
    {
        var output = new Int8Interpreter(Int8Graph()).Run(Enumerable.Range(0, 30).Select(i => (sbyte)((i * 37) - 128)).ToArray());
        Assert.Equal(24, output.Length);
    }

    [Fact]
    public void Float_kernels_compute_the_definitions()
    {
        var b = new IrGraphBuilder("float_math");
        var x = b.Input("x", new[] { 1, 1, 2, 2 });
        var alpha = b.ConstantFloat("alpha", new[] { 1, 1, 1, 2 }, new[] { 0.5f, -2f });
        var p = b.Op(IrOpKind.Prelu, new[] { x, alpha }, opName: "prelu");
        var s = b.Op(IrOpKind.Sub, new[] { p, x }, new ElementwiseAttributes(FusedActivation.Relu), "sub");
        var l = b.Op(IrOpKind.LeakyRelu, new[] { x }, new LeakyReluAttributes(0.1f), "leaky");
        var mx = b.Op(IrOpKind.Maximum, new[] { l, s }, opName: "max");
        var t = b.Op(IrOpKind.Tanh, new[] { mx }, opName: "tanh");
        var r = b.Op(IrOpKind.ResizeBilinear, new[] { t }, new ResizeAttributes(1, 3, AlignCorners: true), "resize");
        var g = b.Output(r).Build();
        var y = new FloatInterpreter(g).Run(new[] { new[] { -1f, -1f, 2f, 0.5f } })[0];
        // prelu: [-0.5, 2, 2, 0.5]; sub relu: [0.5, 3, 0, 0]; leaky: [-0.1, -0.1, 2, 0.5]; max: [0.5, 3, 2, 0.5]
        var t0 = (float)Math.Tanh(0.5);
        var t1 = (float)Math.Tanh(3);
        var t2 = (float)Math.Tanh(2);
        var expected = new[] { t0, t1, (t0 + t2) / 2, (t1 + t0) / 2, t2, t0 };
        Assert.Equal(expected, y, (u, v) => Math.Abs(u - v) < 1e-6f);
    }

    [Fact]
    public void Validation_names_the_operator_and_what_is_wrong()
    {
        var b = new IrGraphBuilder("bad");
        var x = b.Input("x", new[] { 1, 2, 2, 1 }, IrDataType.Int8, Q(0.1f, 0));
        var e = Assert.Throws<IrValidationException>(() => b.Op(IrOpKind.ResizeBilinear, new[] { x }, new ResizeAttributes(3, 3, true, true), "up"));
        Assert.Contains("'up'", e.Message);
        Assert.Contains("align_corners and half_pixel_centers", e.Message);
        e = Assert.Throws<IrValidationException>(() => b.Op(IrOpKind.ResizeNearestNeighbor, new[] { x }, new ResizeAttributes(0, 3), "zero"));
        Assert.Contains("at least 1x1", e.Message);
        e = Assert.Throws<IrValidationException>(() => b.Op(IrOpKind.LeakyRelu, new[] { x }, new LeakyReluAttributes(float.NaN), "nan"));
        Assert.Contains("alpha must be finite", e.Message);

        var c = b.ConstantInt8("c", new[] { 1, 1, 1, 1 }, new sbyte[] { 3 }, Q(0.2f, 0));
        b.Output(b.Op(IrOpKind.Maximum, new[] { x, c }, opName: "max", outputQuant: Q(0.1f, 0)));
        e = Assert.Throws<IrValidationException>(() => GraphValidator.Validate(b.Build()));
        Assert.Contains("must share quantization parameters", e.Message);
    }
}
