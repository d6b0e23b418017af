namespace MicroBackbone.Ir;

/// <summary>
/// Computes an operator's output shape from its input tensors and attributes, checking operand counts, ranks and
/// weight layouts on the way (conv OHWI, depthwise 1HWO, fully connected [out, in]).
/// </summary>
public static partial class ShapeInference
{
    /// <summary>
    /// The shape of the single output of <paramref name="op"/>. Throws <see cref="IrValidationException"/> naming
    /// the operator (index <paramref name="opIndex"/>) when inputs or attributes do not fit.
    /// </summary>
    public static EquatableArray<int> InferOutputShape(IrOperator op, IReadOnlyList<IrTensor> inputs, int opIndex)
    {
        var ctx = new Context(op, inputs, opIndex);
        return op.Kind switch
        {
            IrOpKind.Conv2D => Conv(ctx),
            IrOpKind.DepthwiseConv2D => Depthwise(ctx),
            IrOpKind.FullyConnected => FullyConnected(ctx),
            IrOpKind.Add or IrOpKind.Mul => Broadcast(ctx),
            IrOpKind.Shift => Shift(ctx),
            IrOpKind.GlobalAveragePool => GlobalPool(ctx),
            IrOpKind.AveragePool2D or IrOpKind.MaxPool2D => Pool(ctx),
            IrOpKind.Pad => Pad(ctx),
            IrOpKind.Reshape => Reshape(ctx),
            IrOpKind.Softmax => SameShape(ctx, minRank: 1),
            IrOpKind.Transpose => Transpose(ctx),
            IrOpKind.StridedSlice => StridedSlice(ctx),
            IrOpKind.Concatenation => Concatenation(ctx),
            IrOpKind.PadV2 => PadV2(ctx),
            IrOpKind.Sub or IrOpKind.Maximum or IrOpKind.Minimum or IrOpKind.Prelu => Broadcast(ctx),
            IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear => Resize(ctx),
            IrOpKind.Svdf => Svdf(ctx),
            IrOpKind.TransposeConv2D => TransposeConv(ctx),
            _ => SameShape(ctx, minRank: 1),
        };
    }

    /// <summary>Output size along one spatial axis of a windowed op, or &lt; 1 when the window does not fit.</summary>
    public static int WindowOutputSize(int input, int padBefore, int padAfter, int kernel, int stride, int dilation)
    {
        var effective = ((kernel - 1) * dilation) + 1;
        var span = input + padBefore + padAfter - effective;
        return span < 0 ? 0 : (span / stride) + 1;
    }

    private static EquatableArray<int> Conv(Context c)
    {
        c.Operands(2, 3);
        var a = c.Attributes<Conv2DAttributes>();
        var x = c.Rank(0, 4, "NHWC input");
        var w = c.Rank(1, 4, "OHWI weights");
        if (a.Groups < 1 || x[3] % a.Groups != 0 || w[0] % a.Groups != 0)
        {
            throw c.Fail($"groups {a.Groups} must be >= 1 and divide the {x[3]} input channels and the {w[0]} filters");
        }

        if (w[3] != x[3] / a.Groups)
        {
            throw c.Fail(a.Groups == 1
                ? $"weights {c.Inputs[1].Describe()} must be OHWI with I = {x[3]} input channels"
                : $"weights {c.Inputs[1].Describe()} must be OHWI with I = {x[3]} input channels / {a.Groups} groups");
        }

        c.Bias(w[0]);
        return Windowed(c, x, w[1], w[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding, w[0]);
    }

    private static EquatableArray<int> Depthwise(Context c)
    {
        c.Operands(2, 3);
        var a = c.Attributes<DepthwiseConv2DAttributes>();
        var x = c.Rank(0, 4, "NHWC input");
        var w = c.Rank(1, 4, "1HWO weights");
        if (a.DepthMultiplier < 1)
        {
            throw c.Fail($"depth multiplier must be >= 1, got {a.DepthMultiplier}");
        }

        if (w[0] != 1 || w[3] != (long)x[3] * a.DepthMultiplier)
        {
            throw c.Fail($"weights {c.Inputs[1].Describe()} must be 1HWO with O = {x[3]} channels x depth multiplier {a.DepthMultiplier}");
        }

        c.Bias(w[3]);
        return Windowed(c, x, w[1], w[2], a.StrideH, a.StrideW, a.DilationH, a.DilationW, a.Padding, w[3]);
    }

    private static EquatableArray<int> FullyConnected(Context c)
    {
        c.Operands(2, 3);
        c.Attributes<FullyConnectedAttributes>();
        var x = c.Inputs[0].Shape;
        if (x.Count < 2)
        {
            throw c.Fail($"input {c.Inputs[0].Describe()} must have rank >= 2 ([N, features...])");
        }

        var w = c.Rank(1, 2, "[out, in] weights");
        var features = TensorShape.ElementCount(x) / x[0];
        if (w[1] != features)
        {
            throw c.Fail($"weights {c.Inputs[1].Describe()} must be [out, in] with in = {features} input features");
        }

        c.Bias(w[0]);
        return EquatableArray.Of(x[0], w[0]);
    }

    private static EquatableArray<int> Broadcast(Context c)
    {
        c.Operands(2, 2);
        if (c.Op.Kind is IrOpKind.Maximum or IrOpKind.Minimum or IrOpKind.Prelu)
        {
            c.NoAttributes();
        }
        else
        {
            c.Attributes<ElementwiseAttributes>();
        }

        var a = c.Inputs[0].Shape;
        var b = c.Inputs[1].Shape;
        if (a.Count != b.Count)
        {
            throw c.Fail($"inputs must have the same rank, got {a} and {b}");
        }

        var result = new int[a.Count];
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i] && a[i] != 1 && b[i] != 1)
            {
                throw c.Fail($"input shapes {a} and {b} do not broadcast (dimension {i}: {a[i]} vs {b[i]})");
            }

            result[i] = Math.Max(a[i], b[i]);
        }

        return EquatableArray<int>.Adopt(result);
    }

    private static EquatableArray<int> Shift(Context c)
    {
        c.Operands(1, 1);
        var a = c.Attributes<ShiftAttributes>();
        var x = c.Rank(0, 4, "NHWC input");
        if (a.Offsets.Count != x[3])
        {
            throw c.Fail($"expected {x[3]} shift offsets (one per channel), got {a.Offsets.Count}");
        }

        return x;
    }

    private static EquatableArray<int> GlobalPool(Context c)
    {
        c.Operands(1, 1);
        c.NoAttributes();
        var x = c.Rank(0, 4, "NHWC input");
        return EquatableArray.Of(x[0], 1, 1, x[3]);
    }

    private static EquatableArray<int> Pool(Context c)
    {
        c.Operands(1, 1);
        var a = c.Attributes<Pool2DAttributes>();
        var x = c.Rank(0, 4, "NHWC input");
        if (a.FilterH < 1 || a.FilterW < 1)
        {
            throw c.Fail($"filter must be >= 1x1, got {a.FilterH}x{a.FilterW}");
        }

        return Windowed(c, x, a.FilterH, a.FilterW, a.StrideH, a.StrideW, 1, 1, a.Padding, x[3]);
    }

    private static EquatableArray<int> Pad(Context c)
    {
        c.Operands(1, 1);
        var a = c.Attributes<PadAttributes>();
        var x = c.Rank(0, 4, "NHWC input");
        CheckPadding(c, a.Padding);
        return EquatableArray.Of(x[0], x[1] + a.Padding.Top + a.Padding.Bottom, x[2] + a.Padding.Left + a.Padding.Right, x[3]);
    }

    private static EquatableArray<int> Reshape(Context c)
    {
        c.Operands(1, 1);
        var a = c.Attributes<ReshapeAttributes>();
        var count = c.Inputs[0].ElementCount;
        var shape = a.NewShape.ToArray();
        var unknown = -1;
        long known = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1 && unknown < 0)
            {
                unknown = i;
            }
            else if (shape[i] < 1)
            {
                throw c.Fail($"new shape {a.NewShape} may hold one -1 and otherwise dimensions >= 1");
            }
            else
            {
                known *= shape[i];
            }
        }

        if (unknown >= 0 && count % known == 0)
        {
            shape[unknown] = (int)(count / known);
            known = count;
        }

        if (shape.Length == 0 || known != count)
        {
            throw c.Fail($"new shape {a.NewShape} does not hold the {count} elements of {c.Inputs[0].Describe()}");
        }

        return EquatableArray<int>.Adopt(shape);
    }

    private static EquatableArray<int> Resize(Context c)
    {
        c.Operands(1, 1);
        var a = c.Attributes<ResizeAttributes>();
        var x = c.Rank(0, 4, "NHWC input");
        if (a.Height < 1 || a.Width < 1)
        {
            throw c.Fail($"output size must be at least 1x1, got {a.Height}x{a.Width}");
        }

        if (c.Op.Kind == IrOpKind.ResizeBilinear && a.AlignCorners && a.HalfPixelCenters)
        {
            throw c.Fail("align_corners and half_pixel_centers cannot both be set for a bilinear resize");
        }

        return EquatableArray.Of(x[0], a.Height, a.Width, x[3]);
    }

    private static EquatableArray<int> SameShape(Context c, int minRank)
    {
        c.Operands(1, 1);
        if (c.Op.Kind == IrOpKind.Softmax)
        {
            c.Attributes<SoftmaxAttributes>();
        }
        else if (c.Op.Kind == IrOpKind.LeakyRelu)
        {
            var alpha = c.Attributes<LeakyReluAttributes>().Alpha;
            if (float.IsNaN(alpha) || float.IsInfinity(alpha))
            {
                throw c.Fail($"alpha must be finite, got {alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
            }
        }
        else
        {
            c.NoAttributes();
        }

        if (c.Inputs[0].Shape.Count < minRank)
        {
            throw c.Fail($"input {c.Inputs[0].Describe()} must have rank >= {minRank}");
        }

        return c.Inputs[0].Shape;
    }

    private static EquatableArray<int> Windowed(
        Context c, EquatableArray<int> x, int kh, int kw, int sh, int sw, int dh, int dw, Padding2D padding, int channels)
    {
        if (sh < 1 || sw < 1 || dh < 1 || dw < 1)
        {
            throw c.Fail($"strides and dilations must be >= 1, got stride {sh}x{sw}, dilation {dh}x{dw}");
        }

        CheckPadding(c, padding);
        var oh = WindowOutputSize(x[1], padding.Top, padding.Bottom, kh, sh, dh);
        var ow = WindowOutputSize(x[2], padding.Left, padding.Right, kw, sw, dw);
        if (oh < 1 || ow < 1)
        {
            throw c.Fail($"window {kh}x{kw} (dilation {dh}x{dw}) does not fit input {x} with padding {padding}");
        }

        return EquatableArray.Of(x[0], oh, ow, channels);
    }

    private static void CheckPadding(Context c, Padding2D p)
    {
        if (p.Top < 0 || p.Left < 0 || p.Bottom < 0 || p.Right < 0)
        {
            throw c.Fail($"padding must be >= 0, got {p}");
        }
    }

    private sealed class Context(IrOperator op, IReadOnlyList<IrTensor> inputs, int index)
    {
        public IrOperator Op { get; } = op;

        public IReadOnlyList<IrTensor> Inputs { get; } = inputs;

        public IrValidationException Fail(string what) => IrValidationException.ForOperator(index, Op, what);

        public void Operands(int min, int max)
        {
            if (Inputs.Count < min || Inputs.Count > max)
            {
                var expected = min == max ? $"{min}" : $"{min} to {max}";
                throw Fail($"expected {expected} inputs, got {Inputs.Count}");
            }

            if (Op.Outputs.Count != 1)
            {
                throw Fail($"expected 1 output, got {Op.Outputs.Count}");
            }
        }

        public T Attributes<T>()
            where T : IrAttributes =>
            Op.Attributes as T ?? throw Fail($"expected attributes {typeof(T).Name}, got {Op.Attributes?.GetType().Name ?? "none"}");

        public void NoAttributes()
        {
            if (Op.Attributes is not null)
            {
                throw Fail($"expected no attributes, got {Op.Attributes.GetType().Name}");
            }
        }

        public EquatableArray<int> Rank(int operand, int rank, string what)
        {
            var shape = Inputs[operand].Shape;
            if (shape.Count != rank)
            {
                throw Fail($"operand {operand} {Inputs[operand].Describe()} must be rank-{rank} {what}");
            }

            return shape;
        }

        public void Bias(int outChannels)
        {
            if (Inputs.Count == 3 && (Inputs[2].Shape.Count != 1 || Inputs[2].Shape[0] != outChannels))
            {
                throw Fail($"bias {Inputs[2].Describe()} must be [{outChannels}] (one per output channel)");
            }
        }
    }
}
