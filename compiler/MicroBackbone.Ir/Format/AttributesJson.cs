using System.Text.Json;

namespace MicroBackbone.Ir.Format;

/// <summary>Writes and reads the <c>attributes</c> object of each operator kind.</summary>
internal static class AttributesJson
{
    public static void Write(CanonicalJsonWriter w, IrAttributes attributes)
    {
        w.BeginObject();
        switch (attributes)
        {
            case Conv2DAttributes a:
                Pair(w, "stride", a.StrideH, a.StrideW);
                Padding(w, a.Padding);
                Pair(w, "dilation", a.DilationH, a.DilationW);
                Activation(w, a.Activation);
                if (a.Groups != 1)
                {
                    // Written only for grouped convolutions, so dense ones keep the text they always had.
                    w.Name("groups");
                    w.Int(a.Groups);
                }

                break;
            case DepthwiseConv2DAttributes a:
                Pair(w, "stride", a.StrideH, a.StrideW);
                Padding(w, a.Padding);
                Pair(w, "dilation", a.DilationH, a.DilationW);
                w.Name("depth_multiplier");
                w.Int(a.DepthMultiplier);
                Activation(w, a.Activation);
                break;
            case FullyConnectedAttributes a:
                Activation(w, a.Activation);
                break;
            case ElementwiseAttributes a:
                Activation(w, a.Activation);
                break;
            case Pool2DAttributes a:
                Pair(w, "filter", a.FilterH, a.FilterW);
                Pair(w, "stride", a.StrideH, a.StrideW);
                Padding(w, a.Padding);
                Activation(w, a.Activation);
                break;
            case PadAttributes a:
                Padding(w, a.Padding);
                break;
            case ReshapeAttributes a:
                w.Name("new_shape");
                w.InlineInts(a.NewShape);
                break;
            case ShiftAttributes a:
                w.Name("dy");
                w.InlineInts(a.Offsets.Select(o => o.Dy));
                w.Name("dx");
                w.InlineInts(a.Offsets.Select(o => o.Dx));
                break;
            case SoftmaxAttributes a:
                w.Name("beta");
                w.Float(a.Beta);
                break;
            case TransposeAttributes a:
                Ints(w, "perm", a.Permutation);
                break;
            case StridedSliceAttributes a:
                Ints(w, "begin", a.Begin);
                Ints(w, "size", a.Size);
                Ints(w, "strides", a.Strides);
                break;
            case ConcatenationAttributes a:
                w.Name("axis");
                w.Int(a.Axis);
                break;
            case PadV2Attributes a:
                Ints(w, "before", a.Before);
                Ints(w, "after", a.After);
                break;
            case LeakyReluAttributes a:
                w.Name("alpha");
                w.Float(a.Alpha);
                break;
            case ResizeAttributes a:
                Pair(w, "size", a.Height, a.Width);
                w.Name("align_corners");
                w.Bool(a.AlignCorners);
                w.Name("half_pixel_centers");
                w.Bool(a.HalfPixelCenters);
                break;
            case SvdfAttributes a:
                w.Name("rank");
                w.Int(a.Rank);
                Activation(w, a.Activation);
                break;
            case TransposeConv2DAttributes a:
                Pair(w, "stride", a.StrideH, a.StrideW);
                Pair(w, "pad_before", a.PadTop, a.PadLeft);
                Pair(w, "output_size", a.OutputHeight, a.OutputWidth);
                Activation(w, a.Activation);
                break;
            default:
                throw new ArgumentException($"no .mbir encoding for attributes {attributes.GetType().Name}", nameof(attributes));
        }

        w.EndObject();
    }

    public static IrAttributes? Read(IrOpKind kind, JsonElement? element, MbirJsonReader r, string path)
    {
        var expected = IrAttributes.ExpectedType(kind);
        if (expected is null)
        {
            if (element is not null)
            {
                throw r.Fail(path, $"operator kind {kind} takes no attributes");
            }

            return null;
        }

        if (element is not { } e)
        {
            throw r.Fail(path, $"missing attributes for operator kind {kind}");
        }

        r.RequireObject(e, path);
        return kind switch
        {
            IrOpKind.Conv2D => new Conv2DAttributes(
                r.IntPair(e, "stride", path).A, r.IntPair(e, "stride", path).B, Padding(e, r, path),
                r.IntPair(e, "dilation", path).A, r.IntPair(e, "dilation", path).B, Activation(e, r, path),
                r.Optional(e, "groups") is { } groups ? r.IntValue(groups, $"{path}.groups") : 1),
            IrOpKind.DepthwiseConv2D => new DepthwiseConv2DAttributes(
                r.IntPair(e, "stride", path).A, r.IntPair(e, "stride", path).B, Padding(e, r, path),
                r.Int(e, "depth_multiplier", path),
                r.IntPair(e, "dilation", path).A, r.IntPair(e, "dilation", path).B, Activation(e, r, path)),
            IrOpKind.FullyConnected => new FullyConnectedAttributes(Activation(e, r, path)),
            IrOpKind.Add or IrOpKind.Mul => new ElementwiseAttributes(Activation(e, r, path)),
            IrOpKind.AveragePool2D or IrOpKind.MaxPool2D => new Pool2DAttributes(
                r.IntPair(e, "filter", path).A, r.IntPair(e, "filter", path).B,
                r.IntPair(e, "stride", path).A, r.IntPair(e, "stride", path).B, Padding(e, r, path), Activation(e, r, path)),
            IrOpKind.Pad => new PadAttributes(Padding(e, r, path)),
            IrOpKind.Reshape => new ReshapeAttributes(new EquatableArray<int>(r.Ints(e, "new_shape", path))),
            IrOpKind.Shift => Shift(e, r, path),
            IrOpKind.Softmax => new SoftmaxAttributes(r.Float(e, "beta", path)),
            IrOpKind.Transpose => new TransposeAttributes(Ints(e, "perm", r, path)),
            IrOpKind.StridedSlice => new StridedSliceAttributes(Ints(e, "begin", r, path), Ints(e, "size", r, path), Ints(e, "strides", r, path)),
            IrOpKind.Concatenation => new ConcatenationAttributes(r.Int(e, "axis", path)),
            IrOpKind.PadV2 => new PadV2Attributes(Ints(e, "before", r, path), Ints(e, "after", r, path)),
            IrOpKind.Sub => new ElementwiseAttributes(Activation(e, r, path)),
            IrOpKind.LeakyRelu => new LeakyReluAttributes(r.Float(e, "alpha", path)),
            IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear => new ResizeAttributes(
                r.IntPair(e, "size", path).A, r.IntPair(e, "size", path).B, r.Bool(e, "align_corners", path), r.Bool(e, "half_pixel_centers", path)),
            IrOpKind.Svdf => new SvdfAttributes(r.Int(e, "rank", path), Activation(e, r, path)),
            IrOpKind.TransposeConv2D => new TransposeConv2DAttributes(
                r.IntPair(e, "stride", path).A, r.IntPair(e, "stride", path).B,
                r.IntPair(e, "pad_before", path).A, r.IntPair(e, "pad_before", path).B,
                r.IntPair(e, "output_size", path).A, r.IntPair(e, "output_size", path).B, Activation(e, r, path)),
            _ => throw r.Fail(path, $"operator kind {kind} has no attribute reader"),
        };
    }

    private static ShiftAttributes Shift(JsonElement e, MbirJsonReader r, string path)
    {
        var dy = r.Ints(e, "dy", path);
        var dx = r.Ints(e, "dx", path);
        if (dy.Length != dx.Length)
        {
            throw r.Fail($"{path}.dx", $"expected {dy.Length} entries like 'dy', got {dx.Length}");
        }

        return new ShiftAttributes(new EquatableArray<ShiftOffset>(dy.Select((y, i) => new ShiftOffset(y, dx[i]))));
    }

    private static Padding2D Padding(JsonElement e, MbirJsonReader r, string path)
    {
        var p = r.Ints(e, "padding", path);
        if (p.Length != 4)
        {
            throw r.Fail($"{path}.padding", $"expected [top, left, bottom, right], got {p.Length} numbers");
        }

        return new Padding2D(p[0], p[1], p[2], p[3]);
    }

    private static FusedActivation Activation(JsonElement e, MbirJsonReader r, string path) =>
        r.String(e, "activation", path) switch
        {
            "none" => FusedActivation.None,
            "relu" => FusedActivation.Relu,
            "relu6" => FusedActivation.Relu6,
            "relu_n1_to_1" => FusedActivation.ReluN1To1,
            var other => throw r.Fail($"{path}.activation", $"expected \"none\", \"relu\", \"relu6\" or \"relu_n1_to_1\", got \"{other}\""),
        };

    private static EquatableArray<int> Ints(JsonElement e, string name, MbirJsonReader r, string path) =>
        new(r.Ints(e, name, path));

    private static void Ints(CanonicalJsonWriter w, string name, EquatableArray<int> values)
    {
        w.Name(name);
        w.InlineInts(values);
    }

    private static void Pair(CanonicalJsonWriter w, string name, int a, int b)
    {
        w.Name(name);
        w.InlineInts(new[] { a, b });
    }

    private static void Padding(CanonicalJsonWriter w, Padding2D p)
    {
        w.Name("padding");
        w.InlineInts(new[] { p.Top, p.Left, p.Bottom, p.Right });
    }

    private static void Activation(CanonicalJsonWriter w, FusedActivation a)
    {
        w.Name("activation");
        w.String(MbirFormat.ActivationName(a));
    }
}
