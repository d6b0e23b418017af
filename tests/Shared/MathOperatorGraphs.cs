using MicroBackbone.Ir;

namespace MicroBackbone.Tests.Shared;

/// <summary>
/// Seeded int8 graphs exercising Sub, Maximum, Minimum, Prelu, LeakyRelu, Tanh and the two resizes with odd sizes,
/// negative zero points, broadcasting, constant operands on either side and every fused activation; the C and C#
/// back ends are checked against the int8 interpreter on them.
/// </summary>
internal static class MathOperatorGraphs
{
    /// <summary>The graph names <see cref="Build"/> knows.</summary>
    public static readonly string[] Names = { "sub", "minmax_prelu", "leaky_tanh", "resize" };

    public static IrGraph Build(string name) => name switch
    {
        "sub" => Sub(),
        "minmax_prelu" => MinMaxPrelu(),
        "leaky_tanh" => LeakyTanh(),
        "resize" => Resize(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown math graph"),
    };

    /// <summary>Seeded random int8 values.</summary>
    public static sbyte[] Random(int seed, long count)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, (int)count).Select(_ => (sbyte)rng.Next(-128, 128)).ToArray();
    }

    private static QuantParams Q(float scale, int zeroPoint) => QuantParams.PerTensor(scale, zeroPoint);

    /// <summary>x - c (per channel), c' - y (constant first, broadcast over H), two activations, each fused activation.</summary>
    private static IrGraph Sub()
    {
        var b = new IrGraphBuilder("sub_net");
        var x = b.Input("x", new[] { 1, 5, 7, 3 }, IrDataType.Int8, Q(0.05f, -3));
        var c = b.ConstantInt8("c", new[] { 1, 1, 1, 3 }, Random(11, 3), Q(0.03f, 7));
        var s1 = b.Sub(x, c, FusedActivation.None, "sub.none", Q(0.06f, -5));
        var c2 = b.ConstantInt8("c2", new[] { 1, 5, 1, 1 }, Random(12, 5), Q(0.11f, -20));
        var s2 = b.Sub(c2, s1, FusedActivation.Relu, "sub.relu", Q(0.07f, -128));
        var s3 = b.Sub(s2, x, FusedActivation.Relu6, "sub.relu6", Q(0.05f, -100));
        var s4 = b.Sub(s3, s1, FusedActivation.ReluN1To1, "sub.relu_n1_to_1", Q(0.01f, 4));
        var s5 = b.Sub(x, s4, FusedActivation.None, "sub.out", Q(0.045f, 2));
        return b.Output(s5).Build();
    }

    /// <summary>Maximum with a per-channel constant, Minimum of two activations, Prelu with per-channel alpha.</summary>
    private static IrGraph MinMaxPrelu()
    {
        var b = new IrGraphBuilder("minmax_prelu_net");
        var q = Q(0.04f, 10);
        var x = b.Input("x", new[] { 1, 4, 5, 5 }, IrDataType.Int8, q);
        var c = b.ConstantInt8("floor", new[] { 1, 1, 1, 5 }, Random(21, 5), q);
        var max = b.Op(IrOpKind.Maximum, new[] { x, c }, opName: "max");
        var c2 = b.ConstantInt8("ceiling", new[] { 1, 4, 1, 5 }, Random(22, 20), q);
        var min = b.Op(IrOpKind.Minimum, new[] { c2, max }, opName: "min");
        var min2 = b.Op(IrOpKind.Minimum, new[] { min, x }, opName: "min2");
        var alpha = b.ConstantInt8("alpha", new[] { 1, 1, 1, 5 }, new sbyte[] { -100, -3, 0, 50, 127 }, Q(0.02f, -4));
        var prelu = b.Op(IrOpKind.Prelu, new[] { min2, alpha }, opName: "prelu", outputQuant: Q(0.03f, -20));
        return b.Output(prelu).Build();
    }

    /// <summary>LeakyRelu with a small, a negative and a large alpha, then Tanh.</summary>
    private static IrGraph LeakyTanh()
    {
        var b = new IrGraphBuilder("leaky_tanh_net");
        var x = b.Input("x", new[] { 1, 3, 3, 7 }, IrDataType.Int8, Q(0.05f, -7));
        var l1 = b.Op(IrOpKind.LeakyRelu, new[] { x }, new LeakyReluAttributes(0.2f), "leaky.0_2", Q(0.03f, -60));
        var l2 = b.Op(IrOpKind.LeakyRelu, new[] { l1 }, new LeakyReluAttributes(-0.7f), "leaky.neg", Q(0.02f, 9));
        var l3 = b.Op(IrOpKind.LeakyRelu, new[] { l2 }, new LeakyReluAttributes(1.5f), "leaky.1_5", Q(0.04f, 0));
        var t = b.Op(IrOpKind.Tanh, new[] { l3 }, opName: "tanh", outputQuant: Q(1f / 128, 0));
        return b.Output(t).Build();
    }

    /// <summary>Nearest and bilinear resizes up and down with every option combination they allow.</summary>
    private static IrGraph Resize()
    {
        var b = new IrGraphBuilder("resize_net");
        var x = b.Input("x", new[] { 1, 3, 5, 2 }, IrDataType.Int8, Q(0.05f, -3));
        int Nearest(int input, int h, int w, bool align, bool half, string name) =>
            b.Op(IrOpKind.ResizeNearestNeighbor, new[] { input }, new ResizeAttributes(h, w, align, half), name);
        int Bilinear(int input, int h, int w, bool align, bool half, string name) =>
            b.Op(IrOpKind.ResizeBilinear, new[] { input }, new ResizeAttributes(h, w, align, half), name);
        var n1 = Nearest(x, 7, 9, false, false, "nn.plain");
        var n2 = Nearest(n1, 4, 5, true, false, "nn.align");
        var n3 = Nearest(n2, 6, 11, false, true, "nn.half");
        var n4 = Nearest(n3, 5, 4, true, true, "nn.align_half");
        var b1 = Bilinear(n4, 9, 11, false, true, "bl.half");
        var b2 = Bilinear(b1, 5, 3, true, false, "bl.align");
        var b3 = Bilinear(b2, 7, 6, false, false, "bl.plain");
        var b4 = Bilinear(b3, 8, 1, true, false, "bl.to_one_column");
        var b5 = Bilinear(b4, 11, 4, true, false, "bl.from_one_column");
        return b.Output(b5).Build();
    }
}
