namespace MicroBackbone.Ir;

/// <summary>Shape rules of the layout operators: Transpose, StridedSlice, Concatenation, PadV2.</summary>
public static partial class ShapeInference
{
    /// <summary>Most dimensions a layout operator handles (the kernels address up to 6).</summary>
    public const int MaxLayoutRank = 6;

    private static EquatableArray<int> Transpose(Context c)
    {
        c.Operands(1, 1);
        var perm = c.Attributes<TransposeAttributes>().Permutation;
        var x = LayoutRank(c, 0);
        if (perm.Count != x.Count || !perm.OrderBy(v => v).SequenceEqual(Enumerable.Range(0, x.Count)))
        {
            throw c.Fail($"permutation {perm} must order the {x.Count} dimensions 0..{x.Count - 1} of {c.Inputs[0].Describe()}");
        }

        return new EquatableArray<int>(perm.Select(p => x[p]));
    }

    private static EquatableArray<int> StridedSlice(Context c)
    {
        c.Operands(1, 1);
        var a = c.Attributes<StridedSliceAttributes>();
        var x = LayoutRank(c, 0);
        if (a.Begin.Count != x.Count || a.Size.Count != x.Count || a.Strides.Count != x.Count)
        {
            throw c.Fail($"begin {a.Begin}, size {a.Size} and strides {a.Strides} must have one entry per dimension of {c.Inputs[0].Describe()}");
        }

        for (var d = 0; d < x.Count; d++)
        {
            long last = a.Begin[d] + ((long)(a.Size[d] - 1) * a.Strides[d]);
            if (a.Strides[d] == 0 || a.Size[d] < 1 || a.Begin[d] < 0 || a.Begin[d] >= x[d] || last < 0 || last >= x[d])
            {
                throw c.Fail($"dimension {d}: begin {a.Begin[d]}, size {a.Size[d]}, stride {a.Strides[d]} must stay inside 0..{x[d] - 1}");
            }
        }

        return a.Size;
    }

    private static EquatableArray<int> Concatenation(Context c)
    {
        c.Operands(1, int.MaxValue);
        var axis = c.Attributes<ConcatenationAttributes>().Axis;
        var first = LayoutRank(c, 0);
        if (axis < 0 || axis >= first.Count)
        {
            throw c.Fail($"axis {axis} must be in 0..{first.Count - 1}");
        }

        var shape = first.ToArray();
        for (var i = 1; i < c.Inputs.Count; i++)
        {
            var s = c.Inputs[i].Shape;
            if (s.Count != first.Count || Enumerable.Range(0, s.Count).Any(d => d != axis && s[d] != first[d]))
            {
                throw c.Fail($"input {i} {c.Inputs[i].Describe()} must match {c.Inputs[0].Describe()} in every dimension but {axis}");
            }

            shape[axis] = checked(shape[axis] + s[axis]);
        }

        return EquatableArray<int>.Adopt(shape);
    }

    private static EquatableArray<int> PadV2(Context c)
    {
        c.Operands(2, 2);
        var a = c.Attributes<PadV2Attributes>();
        var x = LayoutRank(c, 0);
        if (c.Inputs[1].ElementCount != 1 || !c.Inputs[1].IsConstant)
        {
            throw c.Fail($"pad value {c.Inputs[1].Describe()} must be a constant with one element");
        }

        if (a.Before.Count != x.Count || a.After.Count != x.Count || a.Before.Any(v => v < 0) || a.After.Any(v => v < 0))
        {
            throw c.Fail($"padding before {a.Before} and after {a.After} must have one entry >= 0 per dimension of {c.Inputs[0].Describe()}");
        }

        return new EquatableArray<int>(x.Select((v, d) => checked(v + a.Before[d] + a.After[d])));
    }

    private static EquatableArray<int> LayoutRank(Context c, int operand)
    {
        var shape = c.Inputs[operand].Shape;
        if (shape.Count < 1 || shape.Count > MaxLayoutRank)
        {
            throw c.Fail($"operand {operand} {c.Inputs[operand].Describe()} must have rank 1 to {MaxLayoutRank}");
        }

        return shape;
    }
}
